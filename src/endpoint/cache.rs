//! Answers kept for the life of the server. A read-only server's store cannot change while it runs
//! (it holds the store's shared lock, and `build` needs the exclusive one), so an answer computed once
//! is the answer until the server stops; with `--allow-update`, every update empties the cache. At
//! 100,000 papers a ready query takes seconds to evaluate and microseconds to copy: the page's second
//! click, and every other reader's, gets the copy.
//!
//! Only successful answers are kept (an error or a timeout is tried again next time), at most
//! [`MAX_BYTES`] of them, the least recently used leaving first. A request for an answer that another
//! request is evaluating waits for that evaluation and gets its answer, whatever it is, rather than
//! evaluating the same query a second time on the same cores: when the page's answers are computed as
//! the server starts, a click on one of them joins it. The answer says where it came from in the
//! [`CACHE_HEADER`] header.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use lru::LruCache;
use oxhttp::model::StatusCode;

use super::Reply;

/// The response header that says `hit` (answered from the cache), `miss` (evaluated for this request)
/// or `joined` (evaluated for another request that came first, while this one waited).
pub const CACHE_HEADER: &str = "paperkg-cache";

/// The most bytes of answers kept: a few hundred answers of the ready queries at 100,000 papers.
const MAX_BYTES: usize = 256 << 20;

/// The most answers kept, whatever their size.
const MAX_ENTRIES: usize = 4096;

/// Answers by request: the key holds everything the answer depends on besides the store.
pub struct Cache {
    inner: Mutex<Inner>,
}

struct Inner {
    answers: LruCache<String, Reply>,
    /// The answers being evaluated, which a request for the same key waits for.
    pending: HashMap<String, Arc<Pending>>,
    bytes: usize,
    /// Counts the times the cache was emptied, so that an answer evaluated before an update is not
    /// kept after it.
    generation: u64,
}

impl Cache {
    pub fn new() -> Cache {
        let entries = NonZeroUsize::new(MAX_ENTRIES).expect("MAX_ENTRIES is not zero");
        Cache {
            inner: Mutex::new(Inner {
                answers: LruCache::new(entries),
                pending: HashMap::new(),
                bytes: 0,
                generation: 0,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The cache holds copies only: after a panic elsewhere it is still consistent.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The kept answer to `key`, or the one `evaluate` gives, kept if it succeeded and the store did
    /// not change meanwhile; or, when another request is evaluating `key`, the answer it gets.
    pub fn answer(&self, key: String, evaluate: impl FnOnce() -> Reply) -> Reply {
        let (generation, pending) = {
            let mut inner = self.lock();
            if let Some(kept) = inner.answers.get(&key) {
                return kept.clone().with_header(CACHE_HEADER, "hit");
            }
            if let Some(pending) = inner.pending.get(&key).cloned() {
                drop(inner);
                return pending.wait().with_header(CACHE_HEADER, "joined");
            }
            let pending = Arc::new(Pending::default());
            inner.pending.insert(key.clone(), pending.clone());
            (inner.generation, pending)
        };
        // Whatever happens to the evaluation, a panic included, the requests that joined it are
        // answered and the key is free again.
        let mut evaluation = Evaluation {
            cache: self,
            key,
            pending,
            reply: None,
        };
        let reply = evaluate();
        if reply.status == StatusCode::OK {
            self.keep(evaluation.key.clone(), reply.clone(), generation);
        }
        evaluation.reply = Some(reply.clone());
        drop(evaluation);
        reply.with_header(CACHE_HEADER, "miss")
    }

    fn keep(&self, key: String, reply: Reply, generation: u64) {
        let size = key.len() + reply.body.len();
        let mut inner = self.lock();
        if inner.generation != generation || size > MAX_BYTES {
            return;
        }
        while inner.bytes + size > MAX_BYTES {
            match inner.answers.pop_lru() {
                Some((k, r)) => inner.bytes -= k.len() + r.body.len(),
                None => break,
            }
        }
        if let Some((k, r)) = inner.answers.push(key, reply) {
            inner.bytes -= k.len() + r.body.len();
        }
        inner.bytes += size;
    }

    /// Forgets every answer: the store changed. A request that comes after evaluates again, rather
    /// than joining an evaluation of the store as it was.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.answers.clear();
        inner.pending.clear();
        inner.bytes = 0;
        inner.generation += 1;
    }
}

/// An answer being evaluated, and the requests waiting for it.
#[derive(Default)]
struct Pending {
    reply: Mutex<Option<Reply>>,
    done: Condvar,
}

impl Pending {
    /// Waits until the evaluation gives its answer.
    fn wait(&self) -> Reply {
        let reply = self.reply.lock().unwrap_or_else(PoisonError::into_inner);
        let reply = self
            .done
            .wait_while(reply, |r| r.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        reply.clone().expect("waited until there is a reply")
    }
}

/// An evaluation under way: dropped, it hands its answer (or, if it never got one, an error) to the
/// requests waiting for it and frees the key.
struct Evaluation<'a> {
    cache: &'a Cache,
    key: String,
    pending: Arc<Pending>,
    reply: Option<Reply>,
}

impl Drop for Evaluation<'_> {
    fn drop(&mut self) {
        {
            let mut inner = self.cache.lock();
            // After a `clear`, the key may be another request's evaluation: that one stays.
            if inner
                .pending
                .get(&self.key)
                .is_some_and(|p| Arc::ptr_eq(p, &self.pending))
            {
                inner.pending.remove(&self.key);
            }
        }
        let reply = self.reply.take().unwrap_or_else(|| {
            Reply::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: the evaluation this request waited for failed; please report it",
            )
        });
        *self
            .pending
            .reply
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(reply);
        self.pending.done.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> Reply {
        Reply::ok("text/plain", body.as_bytes().to_vec())
    }

    fn header(r: &Reply) -> &str {
        let found = r.headers.iter().find(|(n, _)| *n == CACHE_HEADER);
        found.map(|(_, v)| v.as_str()).unwrap_or("")
    }

    #[test]
    fn a_second_request_is_answered_from_the_cache_until_it_is_cleared() {
        let cache = Cache::new();
        let first = cache.answer("q".into(), || ok("1"));
        assert_eq!((first.body.as_slice(), header(&first)), (&b"1"[..], "miss"));
        let second = cache.answer("q".into(), || panic!("not evaluated again"));
        assert_eq!(
            (second.body.as_slice(), header(&second)),
            (&b"1"[..], "hit")
        );
        cache.clear();
        let third = cache.answer("q".into(), || ok("2"));
        assert_eq!((third.body.as_slice(), header(&third)), (&b"2"[..], "miss"));
    }

    #[test]
    fn failures_are_not_kept() {
        let cache = Cache::new();
        cache.answer("q".into(), || {
            Reply::plain(StatusCode::SERVICE_UNAVAILABLE, "slow")
        });
        let again = cache.answer("q".into(), || ok("1"));
        assert_eq!(header(&again), "miss");
    }

    #[test]
    fn an_answer_evaluated_before_a_clear_is_not_kept_after_it() {
        let cache = Cache::new();
        cache.answer("q".into(), || {
            cache.clear();
            ok("old")
        });
        let again = cache.answer("q".into(), || ok("new"));
        assert_eq!(again.body, b"new");
    }

    #[test]
    fn the_least_recently_used_answers_leave_when_the_bytes_run_out() {
        let cache = Cache::new();
        let big = "x".repeat(MAX_BYTES / 3);
        cache.answer("a".into(), || ok(&big));
        cache.answer("b".into(), || ok(&big));
        cache.answer("a".into(), || panic!("kept"));
        cache.answer("c".into(), || ok(&big));
        assert_eq!(header(&cache.answer("a".into(), || ok("a"))), "hit");
        assert_eq!(header(&cache.answer("b".into(), || ok("b"))), "miss");
        assert!(cache.lock().bytes <= MAX_BYTES);
    }
    #[test]
    fn a_request_for_an_answer_being_evaluated_waits_for_it() {
        let cache = Cache::new();
        let evaluations = std::sync::atomic::AtomicUsize::new(0);
        let (started, start) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            let (cache, evaluations) = (&cache, &evaluations);
            let first = s.spawn(move || {
                cache.answer("q".into(), || {
                    evaluations.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    started.send(()).unwrap();
                    released.recv().unwrap();
                    ok("1")
                })
            });
            start.recv().unwrap();
            let second = s.spawn(|| {
                cache.answer("q".into(), || {
                    evaluations.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    ok("2")
                })
            });
            // The second request is waiting (or about to): the first one's answer is for both.
            while cache.lock().pending.is_empty() {
                std::thread::yield_now();
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            release.send(()).unwrap();
            let (first, second) = (first.join().unwrap(), second.join().unwrap());
            assert_eq!((first.body.as_slice(), header(&first)), (&b"1"[..], "miss"));
            assert_eq!(second.body.as_slice(), b"1");
            assert!(
                ["joined", "hit"].contains(&header(&second)),
                "{}",
                header(&second)
            );
        });
        assert_eq!(evaluations.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(cache.lock().pending.is_empty());
    }

    #[test]
    fn a_request_that_joined_an_evaluation_that_panicked_gets_an_error() {
        let cache = Cache::new();
        let (started, start) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            let cache = &cache;
            let first = s.spawn(move || {
                cache.answer("q".into(), || {
                    started.send(()).unwrap();
                    released.recv().unwrap();
                    panic!("the evaluation failed")
                })
            });
            start.recv().unwrap();
            let second = s.spawn(|| cache.answer("q".into(), || ok("evaluated")));
            std::thread::sleep(std::time::Duration::from_millis(50));
            release.send(()).unwrap();
            assert!(first.join().is_err());
            let second = second.join().unwrap();
            // Joined, it gets the error; had it come after the panic, it would have evaluated.
            assert!(
                second.status == StatusCode::INTERNAL_SERVER_ERROR || second.body == b"evaluated",
                "{:?}",
                second.status
            );
        });
        assert!(cache.lock().pending.is_empty());
        assert_eq!(header(&cache.answer("q".into(), || ok("again"))), "miss");
    }
}
