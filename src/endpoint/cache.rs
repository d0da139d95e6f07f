//! Answers kept for the life of the server. A read-only server's store cannot change while it runs
//! (it holds the store's shared lock, and `build` needs the exclusive one), so an answer computed once
//! is the answer until the server stops; with `--allow-update`, every update empties the cache. At
//! 100,000 papers a ready query takes seconds to evaluate and microseconds to copy: the page's second
//! click, and every other reader's, gets the copy.
//!
//! Only successful answers are kept (an error or a timeout is tried again next time), at most
//! [`MAX_BYTES`] of them, the least recently used leaving first. The answer says whether it came from
//! the cache in the [`CACHE_HEADER`] header.

use std::num::NonZeroUsize;
use std::sync::{Mutex, MutexGuard, PoisonError};

use lru::LruCache;
use oxhttp::model::StatusCode;

use super::Reply;

/// The response header that says `hit` (answered from the cache) or `miss` (evaluated now).
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
    /// not change meanwhile.
    pub fn answer(&self, key: String, evaluate: impl FnOnce() -> Reply) -> Reply {
        let generation = {
            let mut inner = self.lock();
            if let Some(kept) = inner.answers.get(&key) {
                return kept.clone().with_header(CACHE_HEADER, "hit");
            }
            inner.generation
        };
        let reply = evaluate();
        if reply.status == StatusCode::OK {
            self.keep(key, reply.clone(), generation);
        }
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

    /// Forgets every answer: the store changed.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.answers.clear();
        inner.bytes = 0;
        inner.generation += 1;
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
}
