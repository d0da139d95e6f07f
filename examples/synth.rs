//! Writes a deterministic corpus of realistic digests for measuring paperkg at scale.
//!
//! Entries are recombined from the sample digests in `data/`: each keeps its layout and Korean text, gets
//! a fresh arXiv id and a new day, and has its datasets, baselines, introduced names and tasks replaced by
//! names drawn from larger pools with a Zipf law, so that the graph grows like a real one (many papers on
//! a few popular benchmarks, a long tail of rare ones).
//!
//! ```sh
//! cargo run --release --example synth -- --papers 100000 --out /tmp/corpus
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Zipf};

use paperkg::Vocab;
use paperkg::vocab::Scheme;

/// Write a synthetic corpus of daily digests.
#[derive(Parser)]
struct Args {
    /// Number of papers in the corpus.
    #[arg(long, default_value_t = 1000)]
    papers: usize,
    /// Folder to write the digests into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Papers per digest, on average (Hugging Face Daily Papers lists 20–50 a day).
    #[arg(long, default_value_t = 40)]
    per_day: usize,
    /// Seed of the generator: the same seed gives the same corpus.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Folder of the sample digests to recombine.
    #[arg(long, default_value = "data")]
    samples: PathBuf,
}

/// A sample entry and the names in it that can be swapped.
struct Template {
    text: String,
    datasets: Vec<String>,
    baselines: Vec<String>,
    introduces: Vec<String>,
    tasks: Vec<String>,
}

/// Pools of names to draw from, most popular first.
struct Pools {
    datasets: Vec<String>,
    methods: Vec<String>,
    tasks: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let vocab = Vocab::embedded();
    let templates = templates(&args.samples, &vocab)?;
    let pools = pools(&vocab);
    std::fs::create_dir_all(&args.out)?;
    let mut rng = StdRng::seed_from_u64(args.seed);
    let zipf = |n: usize| Zipf::new(n as f64, 1.1).expect("valid Zipf");
    let (zd, zm, zt) = (
        zipf(pools.datasets.len()),
        zipf(pools.methods.len()),
        zipf(pools.tasks.len()),
    );
    let mut written = 0;
    let mut day = 0;
    // arXiv numbers restart every month: YYMM.NNNNN.
    let mut in_month: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    while written < args.papers {
        let date = date_of(day);
        let n = rng
            .random_range(args.per_day / 2..=args.per_day * 3 / 2)
            .min(args.papers - written);
        let mut text = format!("# 📰 Hugging Face Daily Papers – {date}\n\n");
        for k in 0..n {
            let t = &templates[rng.random_range(0..templates.len())];
            let month = date[2..7].replace('-', "");
            let counter = in_month.entry(month.clone()).or_insert(0);
            *counter += 1;
            let id = format!("{month}.{:05}", *counter);
            let mut entry = t.text.clone();
            let mut swap = |names: &[String], pool: &[String], z: &Zipf<f64>, rng: &mut StdRng| {
                for name in names {
                    let pick = &pool[(z.sample(rng) as usize - 1).min(pool.len() - 1)];
                    entry = entry.replace(name.as_str(), pick);
                }
            };
            swap(&t.datasets, &pools.datasets, &zd, &mut rng);
            swap(&t.baselines, &pools.methods, &zm, &mut rng);
            swap(&t.tasks, &pools.tasks, &zt, &mut rng);
            for name in &t.introduces {
                entry = entry.replace(name.as_str(), &format!("{name}-{}", written + k));
            }
            let _ = write!(
                text,
                "## {id}\n🔗 https://huggingface.co/papers/{id}\n\n{entry}\n---\n\n"
            );
        }
        std::fs::write(args.out.join(format!("{date}.md")), text)?;
        written += n;
        day += 1;
    }
    eprintln!(
        "synth: {written} papers in {day} digests under {}",
        args.out.display()
    );
    Ok(())
}

/// Every entry of the samples, with the names paperkg extracts from it.
fn templates(dir: &Path, vocab: &Vocab) -> anyhow::Result<Vec<Template>> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let bytes = std::fs::read(path)?;
        let Ok(digest) = paperkg::digest::parse(path, &bytes, vocab) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        for (i, entry) in digest.entries.iter().enumerate() {
            let end = digest
                .entries
                .get(i + 1)
                .map_or(lines.len(), |e| e.line - 1);
            // The body after the `## id` and `🔗` lines, up to the `---` that closes the entry.
            let body: Vec<&str> = lines[entry.line..end]
                .iter()
                .skip_while(|l| l.trim().is_empty() || l.starts_with('🔗'))
                .take_while(|l| l.trim() != "---")
                .copied()
                .collect();
            let facts = paperkg::extract::paper(entry, vocab);
            let names = |m: &[paperkg::extract::Mention]| {
                m.iter().map(|m| m.name.clone()).collect::<Vec<_>>()
            };
            out.push(Template {
                text: body.join("\n"),
                datasets: names(&facts.datasets),
                baselines: names(&facts.baselines),
                introduces: names(&facts.introduces),
                tasks: facts
                    .tasks
                    .iter()
                    .map(|t| t.seen.clone())
                    .filter(|s| s.chars().count() > 3)
                    .collect(),
            });
        }
    }
    anyhow::ensure!(!out.is_empty(), "no sample entries under {}", dir.display());
    Ok(out)
}

/// Pools: the lexicon's names first (the popular head), then made-up names for the long tail.
fn pools(vocab: &Vocab) -> Pools {
    let names =
        |scheme: Scheme, pick: fn(&paperkg::vocab::Concept) -> Option<&String>| -> Vec<String> {
            vocab
                .lexicon
                .concepts
                .iter()
                .filter(|c| c.scheme == scheme)
                .filter_map(pick)
                .cloned()
                .collect()
        };
    let mut datasets = names(Scheme::Datasets, |c| c.pref_en.as_ref());
    datasets.extend((0..20_000).map(|i| {
        format!(
            "{}Bench-{i}",
            ["Math", "Vis", "Code", "Med", "Agent"][i % 5]
        )
    }));
    let mut methods = names(Scheme::Methods, |c| c.pref_en.as_ref());
    methods.extend((0..20_000).map(|i| {
        format!(
            "{}-{}B",
            ["Qwen", "Llama", "Mistral", "Gemma", "Phi"][i % 5],
            i
        )
    }));
    let mut tasks = names(Scheme::Tasks, |c| c.pref_ko.as_ref());
    tasks.extend((0..5_000).map(|i| format!("합성 과제 {i} 생성")));
    Pools {
        datasets,
        methods,
        tasks,
    }
}

/// The date `day` days after 2023-01-01, as YYYY-MM-DD.
fn date_of(day: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("a valid date");
    (start + chrono::Days::new(day as u64))
        .format("%Y-%m-%d")
        .to_string()
}
