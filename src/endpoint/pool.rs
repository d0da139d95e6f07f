//! A fixed set of worker threads for the work a request may make long: evaluating a query, drawing a
//! view. The pool starts its threads once and never more, so that a stream of slow requests cannot
//! pile up threads; a request waits for its answer no longer than its timeout.
//!
//! There is no timer thread: the request's own thread, which waits for the answer anyway, is the
//! watchdog. When the timeout passes first it cancels the job's [`CancellationToken`]: a query that is
//! running stops at Oxigraph's next check (it checks whenever it reads from the store), and a job that
//! has not started yet is dropped by the worker that takes it. Either way the worker returns to the pool.
//! A job that panics gives a 500 naming the panic, never a 503: a bug must not look like a slow query.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use oxhttp::model::StatusCode;
use oxigraph::sparql::CancellationToken;

use super::Reply;
use crate::error::Error;

/// The worker threads and their queue. Dropping the pool lets each worker finish its current job and
/// end; it does not wait for them, since a job may be a query that Oxigraph cancels only late.
pub struct Pool {
    shared: Arc<Shared>,
    size: usize,
}

struct Shared {
    state: Mutex<State>,
    ready: Condvar,
}

#[derive(Default)]
struct State {
    jobs: VecDeque<Job>,
    closed: bool,
}

type Work = Box<dyn FnOnce() -> Reply + Send>;

struct Job {
    work: Work,
    token: CancellationToken,
    /// Set by the worker when it starts the job, so that a request that times out can tell "slow"
    /// from "never started: every worker was busy".
    started: Arc<AtomicBool>,
    answer: SyncSender<Reply>,
}

impl Pool {
    /// Starts `size` workers (at least one).
    pub fn new(size: usize) -> std::io::Result<Pool> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            ready: Condvar::new(),
        });
        let size = size.max(1);
        // Should the system refuse a thread, the pool is dropped here: the workers started end.
        let pool = Pool {
            shared: shared.clone(),
            size,
        };
        for i in 0..size {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("paperkg query worker {i}"))
                .spawn(move || work(&shared))?;
        }
        Ok(pool)
    }

    /// How many workers the pool has.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `work` on a worker and waits for its answer at most `timeout` (time in the queue
    /// included). Past it, `token` is cancelled and the answer is a 503.
    pub fn run(
        &self,
        token: CancellationToken,
        timeout: Duration,
        work: impl FnOnce() -> Reply + Send + 'static,
    ) -> Reply {
        let (answer, wait) = mpsc::sync_channel(1);
        let started = Arc::new(AtomicBool::new(false));
        let job = Job {
            work: Box::new(work),
            token: token.clone(),
            started: started.clone(),
            answer,
        };
        {
            let mut state = self.shared.lock();
            state.jobs.push_back(job);
        }
        self.shared.ready.notify_one();
        match wait.recv_timeout(timeout) {
            Ok(reply) => reply,
            Err(RecvTimeoutError::Timeout) => {
                token.cancel();
                if started.load(Ordering::Acquire) {
                    Reply::error(&Error::Timeout)
                } else {
                    Reply::plain(
                        StatusCode::SERVICE_UNAVAILABLE,
                        &format!(
                            "timeout: all {} query workers stayed busy until this request's time ran out; try again later",
                            self.size()
                        ),
                    )
                }
            }
            // The worker catches panics and always answers; only a closed pool drops a job unanswered.
            Err(RecvTimeoutError::Disconnected) => Reply::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: the query worker ended without an answer",
            ),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_all();
    }
}

impl Shared {
    /// The queue's lock. A poisoned lock is taken anyway: no code panics while holding it, and the
    /// queue is consistent between any two of its operations.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next job, or `None` once the pool is closed.
    fn next(&self) -> Option<Job> {
        let mut state = self.lock();
        loop {
            if state.closed {
                return None;
            }
            if let Some(job) = state.jobs.pop_front() {
                return Some(job);
            }
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// A worker's life: take a job, skip it if its request already gave up, run it, answer.
fn work(shared: &Shared) {
    while let Some(job) = shared.next() {
        if job.token.is_cancelled() {
            continue;
        }
        job.started.store(true, Ordering::Release);
        let reply = catch_unwind(AssertUnwindSafe(job.work)).unwrap_or_else(|panic| {
            Reply::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!(
                    "internal error: the request's worker panicked ({}); please report it",
                    panic_message(panic.as_ref())
                ),
            )
        });
        // The receiver is gone when the request timed out; the answer is then of no use.
        let _ = job.answer.send(reply);
    }
}

/// The message of a panic, which is a `&str` or a `String` for `panic!` with text.
pub(super) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "no message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn ok(text: &str) -> Reply {
        Reply::plain(StatusCode::OK, text)
    }

    #[test]
    fn answers_come_back_from_the_workers() {
        let pool = Pool::new(2).unwrap();
        assert_eq!(pool.size(), 2);
        let a = pool.run(CancellationToken::new(), Duration::from_secs(5), || ok("a"));
        assert_eq!((a.status, a.body.as_slice()), (StatusCode::OK, &b"a\n"[..]));
    }

    #[test]
    fn a_panicking_job_is_a_500_and_its_worker_survives() {
        let pool = Pool::new(1).unwrap();
        let r = pool.run(CancellationToken::new(), Duration::from_secs(5), || {
            panic!("deliberately, in a test")
        });
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains("deliberately, in a test"), "{body}");
        // The only worker still answers.
        let again = pool.run(CancellationToken::new(), Duration::from_secs(5), || ok("b"));
        assert_eq!(again.status, StatusCode::OK);
    }

    #[test]
    fn a_slow_job_is_a_503_on_time_and_its_token_is_cancelled() {
        let pool = Pool::new(1).unwrap();
        let token = CancellationToken::new();
        let seen = token.clone();
        let start = Instant::now();
        // The job runs until it sees the cancellation, as a query does.
        let r = pool.run(token.clone(), Duration::from_millis(100), move || {
            while !seen.is_cancelled() {
                std::thread::sleep(Duration::from_millis(5));
            }
            ok("too late")
        });
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        assert!(token.is_cancelled());
        // The worker is back: the next job is answered.
        let next = pool.run(CancellationToken::new(), Duration::from_secs(5), || ok("c"));
        assert_eq!(next.status, StatusCode::OK);
    }

    #[test]
    fn a_job_whose_request_gave_up_never_runs() {
        let pool = Pool::new(1).unwrap();
        let hold = CancellationToken::new();
        let held = hold.clone();
        // The only worker is busy until `hold` is cancelled, so the second job times out in the queue.
        std::thread::scope(|s| {
            let busy = s.spawn(|| {
                pool.run(hold.clone(), Duration::from_secs(10), move || {
                    while !held.is_cancelled() {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    ok("held")
                })
            });
            std::thread::sleep(Duration::from_millis(50));
            let ran = Arc::new(AtomicBool::new(false));
            let flag = ran.clone();
            let queued = pool.run(
                CancellationToken::new(),
                Duration::from_millis(50),
                move || {
                    flag.store(true, Ordering::SeqCst);
                    ok("queued")
                },
            );
            assert_eq!(queued.status, StatusCode::SERVICE_UNAVAILABLE);
            let body = String::from_utf8(queued.body).unwrap();
            assert!(body.contains("busy"), "{body}");
            hold.cancel();
            assert_eq!(busy.join().unwrap().status, StatusCode::OK);
            // A third job goes after the skipped one; once it is answered, the skipped one is gone.
            let third = pool.run(CancellationToken::new(), Duration::from_secs(5), || ok("d"));
            assert_eq!(third.status, StatusCode::OK);
            assert!(!ran.load(Ordering::SeqCst), "the abandoned job ran");
        });
    }
}
