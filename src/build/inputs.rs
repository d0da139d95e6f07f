//! Which digest files `build` and `extract` read: the paths given, folders walked for `.md` files, or the samples.

use std::path::{Path, PathBuf};

/// The sample digests compiled into the binary, used when no path is given and there is no `data/`.
const SAMPLES: [(&str, &[u8]); 6] = [
    ("2025-05-06.md", include_bytes!("../../data/2025-05-06.md")),
    ("2025-05-07.md", include_bytes!("../../data/2025-05-07.md")),
    ("2025-05-10.md", include_bytes!("../../data/2025-05-10.md")),
    ("2025-05-12.md", include_bytes!("../../data/2025-05-12.md")),
    ("2025-05-13.md", include_bytes!("../../data/2025-05-13.md")),
    ("2025-05-14.md", include_bytes!("../../data/2025-05-14.md")),
];

/// One input: a file on disk, or an embedded sample.
pub enum Input {
    File(PathBuf),
    Sample(&'static str, &'static [u8]),
}

impl Input {
    pub fn path(&self) -> PathBuf {
        match self {
            Input::File(p) => p.clone(),
            Input::Sample(name, _) => Path::new("data").join(name),
        }
    }

    /// The first [`HEAD_BYTES`](crate::digest::HEAD_BYTES) of the input, where its date stands.
    pub fn head(&self) -> Result<Vec<u8>, crate::Error> {
        use std::io::Read;
        let limit = crate::digest::HEAD_BYTES as u64;
        match self {
            Input::File(p) => {
                let mut head = Vec::new();
                std::fs::File::open(p)
                    .and_then(|f| f.take(limit).read_to_end(&mut head))
                    .map_err(|e| crate::Error::Io {
                        path: p.clone(),
                        source: e,
                    })?;
                Ok(head)
            }
            Input::Sample(_, bytes) => Ok(bytes[..bytes.len().min(limit as usize)].to_vec()),
        }
    }

    pub fn read(&self) -> Result<Vec<u8>, crate::Error> {
        match self {
            Input::File(p) => std::fs::read(p).map_err(|e| crate::Error::Io {
                path: p.clone(),
                source: e,
            }),
            Input::Sample(_, bytes) => Ok(bytes.to_vec()),
        }
    }
}

/// What a command was asked to read: the inputs found, and the paths that could not be read.
#[derive(Default)]
pub struct Inputs {
    pub found: Vec<Input>,
    pub unreadable: Vec<crate::Error>,
}

/// The inputs named by `paths`: files as given, folders walked (sorted) for `*.md`. With no path, `data/`
/// if it exists, else the embedded samples. Paths that cannot be read are returned as errors.
pub fn collect(paths: &[PathBuf]) -> Inputs {
    if paths.is_empty() {
        let data = Path::new("data");
        if data.is_dir() {
            return collect(&[data.to_path_buf()]);
        }
        let found = SAMPLES.iter().map(|&(n, b)| Input::Sample(n, b)).collect();
        return Inputs {
            found,
            unreadable: Vec::new(),
        };
    }
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walk = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .follow_links(true);
            for entry in walk {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_digest_name(e.path()) => {
                        inputs.push(Input::File(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(crate::Error::Io {
                        path: e.path().map_or_else(|| p.clone(), Path::to_path_buf),
                        source: e.into(),
                    }),
                }
            }
        } else if p.exists() {
            inputs.push(Input::File(p.clone()));
        } else {
            errors.push(crate::Error::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    Inputs {
        found: inputs,
        unreadable: errors,
    }
}

/// Digests are Markdown files; the licence and SOURCE.md beside them are not digests.
fn is_digest_name(p: &Path) -> bool {
    let markdown = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    markdown
        && !matches!(
            stem.to_ascii_uppercase().as_str(),
            "SOURCE" | "README" | "LICENSE"
        )
}
