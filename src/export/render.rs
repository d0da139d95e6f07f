//! Graphviz's `dot` as a child process that cannot outlive its caller's patience: it runs under a
//! deadline and a cancellation token, and is killed and reaped when either passes first.
//!
//! graphviz-rust's `exec_dot` spawns `dot` and waits for it without a limit. At 100,000 papers the
//! server's warm-up started two layouts of huge views that ran for a quarter of an hour after the server
//! itself was stopped. Here the child is owned by a guard that kills and reaps it whenever the rendering
//! ends without its answer: deadline, cancellation, an error while writing or reading, or a panic.

use std::io::{ErrorKind, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;
use wait_timeout::ChildExt;

use super::Picture;
use crate::error::Error;

/// How often a rendering that has no answer yet looks at its cancellation token. The wait itself ends
/// as soon as `dot` exits (`wait-timeout` wakes on the child's exit), so this only bounds how late a
/// cancellation is seen.
const CANCEL_POLL: Duration = Duration::from_millis(50);

/// When a rendering gives up on `dot`. (Not `Debug`: Oxigraph's token is not.)
#[derive(Clone, Default)]
pub struct Limit {
    /// The longest `dot` may run; `None`: as long as it takes (the command line, where Ctrl+C reaches
    /// `dot` too, since it runs in the same process group).
    pub deadline: Option<Duration>,
    /// Cancelled by the caller when it stops waiting (the server's request timed out).
    pub cancel: Option<CancellationToken>,
}

impl Limit {
    /// No deadline and no cancellation.
    pub fn none() -> Limit {
        Limit::default()
    }
}

/// A child process that is killed and reaped when dropped before it was waited for.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        // `kill` fails only when the child has already exited; `wait` then just collects its status.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Renders DOT text with Graphviz's `dot` within `limit`; `spawned` is told the child's process id (the
/// tests check that it is gone afterwards).
pub(super) fn run_dot(
    dot_text: &str,
    picture: Picture,
    limit: &Limit,
    spawned: impl FnOnce(u32),
) -> Result<Vec<u8>, Error> {
    let format = match picture {
        Picture::Svg => "-Tsvg",
        Picture::Png => "-Tpng",
    };
    // A caller that gave up while the view was being built (the store's queries are not cancelled)
    // gets no `dot` at all.
    if limit
        .cancel
        .as_ref()
        .is_some_and(CancellationToken::is_cancelled)
    {
        return Err(Error::RenderCancelled);
    }
    let child = Command::new("dot")
        .arg(format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn_error)?;
    spawned(child.id());
    let start = Instant::now();
    let mut child = Reaped(child);
    let (stdin, stdout, stderr) = (
        child.0.stdin.take(),
        child.0.stdout.take(),
        child.0.stderr.take(),
    );
    // The input is written and both outputs read on threads of their own: `dot` may fill its output
    // pipe before it has read all its input, and the waiting below must stay free to watch the clock.
    // The closure owns the guard, so that on an early return `dot` is killed before the scope joins
    // the threads, which end once its pipes close.
    std::thread::scope(move |s| {
        let writer = s.spawn(move || stdin.map(|mut w| w.write_all(dot_text.as_bytes())));
        let out = s.spawn(move || read_all(stdout));
        let err = s.spawn(move || read_all(stderr));
        let status = wait(&mut child, start, limit)?;
        // A write cut short by `dot` exiting early (a syntax error) is told by its exit status and
        // stderr, not by the broken pipe.
        let _ = writer.join();
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        if status.success() {
            Ok(out)
        } else {
            let message = String::from_utf8_lossy(&err);
            Err(Error::Render(format!(
                "`dot` failed ({status}): {}",
                message.trim()
            )))
        }
    })
}

/// Waits for `dot` until it exits, the deadline passes or the caller gives up.
fn wait(child: &mut Reaped, start: Instant, limit: &Limit) -> Result<ExitStatus, Error> {
    loop {
        let slice = match limit.deadline {
            Some(deadline) => {
                let left = deadline.saturating_sub(start.elapsed());
                if left.is_zero() {
                    return Err(Error::RenderTimeout(deadline));
                }
                left.min(CANCEL_POLL)
            }
            None => CANCEL_POLL,
        };
        match child.0.wait_timeout(slice) {
            Ok(Some(status)) => return Ok(status),
            Ok(None) => {}
            Err(e) => return Err(Error::Render(format!("cannot wait for `dot`: {e}"))),
        }
        if limit
            .cancel
            .as_ref()
            .is_some_and(CancellationToken::is_cancelled)
        {
            return Err(Error::RenderCancelled);
        }
    }
}

fn read_all(pipe: Option<impl Read>) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        // A pipe that fails to read gives what was read; the exit status says whether `dot` succeeded.
        let _ = pipe.read_to_end(&mut bytes);
    }
    bytes
}

fn spawn_error(e: std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::NotFound => Error::Render(
            "Graphviz's `dot` was not found on PATH; install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, \
             macOS: `brew install graphviz`), or export `--format dot` and render it elsewhere"
                .into(),
        ),
        _ => Error::Render(format!("cannot start `dot`: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How long a stopped rendering may take beyond its deadline or cancellation: killing and reaping
    /// `dot` takes milliseconds, the rest is slack for a loaded machine.
    const SLACK: Duration = Duration::from_secs(2);

    /// A graph that neato lays out in far more than the limits below: 3,000 nodes take more than 20 s
    /// on the 2-core machine these tests were written on.
    fn slow_graph() -> String {
        const NODES: usize = 3_000;
        let mut dot = String::from("digraph g { layout=neato\n");
        for i in 0..NODES {
            dot += &format!(
                "n{i} -> n{}; n{i} -> n{};\n",
                (i * 7 + 1) % NODES,
                (i * 13 + 5) % NODES
            );
        }
        dot + "}\n"
    }

    /// Whether the process is gone and reaped: a zombie still has its `/proc` entry.
    fn gone(pid: u32) -> bool {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    }

    /// Renders the slow graph within `limit` and returns the answer, the time it took and `dot`'s pid.
    fn render_slow(limit: &Limit) -> (Result<Vec<u8>, Error>, Duration, u32) {
        let mut pid = None;
        let start = Instant::now();
        let answer = run_dot(&slow_graph(), Picture::Svg, limit, |p| pid = Some(p));
        (answer, start.elapsed(), pid.expect("dot was started"))
    }

    #[test]
    fn a_drawing_past_its_deadline_is_stopped_and_dot_reaped() {
        let deadline = Duration::from_millis(300);
        let limit = Limit {
            deadline: Some(deadline),
            cancel: None,
        };
        let (answer, took, pid) = render_slow(&limit);
        assert!(
            matches!(answer, Err(Error::RenderTimeout(d)) if d == deadline),
            "{:?}",
            answer.map(|b| b.len())
        );
        assert!(took < deadline + SLACK, "took {took:?}");
        if cfg!(target_os = "linux") {
            assert!(gone(pid), "dot (pid {pid}) still runs or was not reaped");
        }
    }

    #[test]
    fn a_drawing_whose_caller_gives_up_is_stopped_and_dot_reaped() {
        let token = CancellationToken::new();
        let limit = Limit {
            deadline: None,
            cancel: Some(token.clone()),
        };
        let cancel_after = Duration::from_millis(300);
        let canceller = std::thread::spawn(move || {
            std::thread::sleep(cancel_after);
            token.cancel();
        });
        let (answer, took, pid) = render_slow(&limit);
        canceller.join().unwrap();
        assert!(
            matches!(answer, Err(Error::RenderCancelled)),
            "{:?}",
            answer.map(|b| b.len())
        );
        assert!(took < cancel_after + SLACK, "took {took:?}");
        if cfg!(target_os = "linux") {
            assert!(gone(pid), "dot (pid {pid}) still runs or was not reaped");
        }
        // Once the caller has given up, no `dot` is started at all.
        let mut started = false;
        let late = run_dot("digraph { a }", Picture::Svg, &limit, |_| started = true);
        assert!(matches!(late, Err(Error::RenderCancelled)) && !started);
    }

    #[test]
    fn a_drawing_within_its_deadline_is_the_picture_and_a_bad_one_says_why() {
        let limit = Limit {
            deadline: Some(Duration::from_secs(30)),
            cancel: Some(CancellationToken::new()),
        };
        let svg = run_dot("digraph { a -> b }", Picture::Svg, &limit, |_| {}).unwrap();
        assert!(String::from_utf8(svg).unwrap().contains("<svg"));
        let png = run_dot("digraph { a -> b }", Picture::Png, &limit, |_| {}).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let Err(Error::Render(message)) = run_dot("digraph { a -> ", Picture::Svg, &limit, |_| {})
        else {
            panic!("a syntax error is a render error");
        };
        assert!(message.contains("syntax error"), "{message}");
    }
}
