//! Work on many threads, results in order: the walk, on a thread of its
//! own, feeds numbered batches to a bounded channel, workers check them,
//! and the calling thread puts the finished batches back in order and
//! hands them on. Stock parts only (crossbeam channels, scoped threads).
//! A slow file holds up one worker, never the walk or the others.

use crossbeam_channel::{bounded, unbounded};
use std::collections::BTreeMap;

/// The most items a batch holds. Threads meet once a batch, not once a
/// file; the first batches are smaller, so a run of a few files is still
/// shared between the threads.
const MAX_BATCH: usize = 16;

/// Batches the walk may be ahead of the output, per thread. Only the
/// results that finished out of order wait, so memory stays flat however
/// many files a run has. Generous, so that the walk and the workers seldom
/// wait for one another: a thread that sleeps must be woken, and waking a
/// thread costs more than checking a batch on a virtual machine.
const AHEAD_PER_THREAD: usize = 16;

fn batch_size(seq: usize, threads: usize) -> usize {
    (1 + seq / threads).min(MAX_BATCH)
}

/// A finished batch, or word that a worker failed.
enum Done<T, R> {
    Batch(usize, Vec<(T, R)>),
    Failed,
}

/// Tells the output thread that a worker is unwinding, so that it stops
/// waiting for that worker's batch.
struct FailGuard<'a, T, R>(&'a crossbeam_channel::Sender<Done<T, R>>);

impl<T, R> Drop for FailGuard<'_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(Done::Failed);
        }
    }
}

/// Take the items of `source` (it fills the vector with up to the number
/// asked, in order, and says whether more may come), apply `work` to each
/// on up to `threads` threads, and hand each item and its result to `each`
/// in the order of the items, as soon as it and all before it are done,
/// whatever the thread count. `init` makes each worker's own state.
///
/// A run of one batch, or of one thread, runs on the calling thread alone.
/// A panic in any of the closures stops the other threads and goes on
/// unwinding from here.
pub fn run_in_order<T: Send, R: Send, W>(
    threads: usize,
    mut source: impl FnMut(&mut Vec<T>, usize) -> bool + Send,
    init: impl Fn() -> W + Sync,
    work: impl Fn(&mut W, &T) -> R + Sync,
    mut each: impl FnMut(T, R),
) {
    let mut first = Vec::new();
    let more = source(&mut first, batch_size(0, threads.max(1)));
    if threads <= 1 || !more {
        let (mut batch, mut more, mut state) = (first, more, init());
        loop {
            for item in batch.drain(..) {
                let r = work(&mut state, &item);
                each(item, r);
            }
            if !more {
                return;
            }
            more = source(&mut batch, MAX_BATCH);
        }
    }
    let window = AHEAD_PER_THREAD * threads;
    // A credit a batch: the walk takes one before it sends a batch, the
    // output gives it back once the batch is handed on.
    let (credit_tx, credit_rx) = bounded::<()>(window);
    for _ in 0..window {
        let _ = credit_tx.send(());
    }
    // Two batches a worker waiting, for the same reason.
    let (batch_tx, batch_rx) = bounded::<(usize, Vec<T>)>(2 * threads);
    let (done_tx, done_rx) = unbounded::<Done<T, R>>();
    let (init, work) = (&init, &work);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let (mut batch, mut more, mut seq) = (first, true, 0);
            while credit_rx.recv().is_ok() && batch_tx.send((seq, batch)).is_ok() && more {
                seq += 1;
                batch = Vec::new();
                more = source(&mut batch, batch_size(seq, threads));
                if batch.is_empty() && !more {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let (batch_rx, done_tx) = (batch_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                let _guard = FailGuard(&done_tx);
                let mut state = init();
                for (seq, batch) in batch_rx {
                    let results = batch
                        .into_iter()
                        .map(|item| {
                            let r = work(&mut state, &item);
                            (item, r)
                        })
                        .collect();
                    if done_tx.send(Done::Batch(seq, results)).is_err() {
                        return;
                    }
                }
            });
        }
        drop((batch_rx, done_tx));
        // Owned here, so that a panic in `each` drops them and the other
        // threads stop.
        let (credit_tx, done_rx) = (credit_tx, done_rx);
        let mut ready = BTreeMap::new();
        let mut next = 0;
        for done in &done_rx {
            let Done::Batch(seq, results) = done else {
                // The scope re-raises the worker's panic.
                return;
            };
            ready.insert(seq, results);
            while let Some(batch) = ready.remove(&next) {
                for (item, r) in batch {
                    each(item, r);
                }
                next += 1;
                let _ = credit_tx.send(());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// A source of the numbers below `n`, in batches as asked.
    fn numbers(n: usize) -> impl FnMut(&mut Vec<usize>, usize) -> bool + Send {
        let mut next = 0;
        move |batch, size| {
            while batch.len() < size && next < n {
                batch.push(next);
                next += 1;
            }
            next < n
        }
    }

    /// Wait until `ready` holds; false after 10 s (a broken test, not a
    /// timing): the caller asserts on it.
    fn wait_for(ready: impl Fn() -> bool) -> bool {
        let start = Instant::now();
        while !ready() {
            if start.elapsed() > Duration::from_secs(10) {
                return false;
            }
            std::thread::yield_now();
        }
        true
    }

    #[test]
    fn results_come_in_order_on_many_threads() {
        for threads in [1, 2, 8] {
            // Item 0 finishes only after 15 others have: the later batches
            // are done first and must wait for it.
            let done = AtomicUsize::new(0);
            let mut got = Vec::new();
            run_in_order(
                threads,
                numbers(300),
                || (),
                |(), &x| {
                    if x == 0 && threads > 1 {
                        assert!(wait_for(|| done.load(Ordering::SeqCst) >= 15));
                    }
                    done.fetch_add(1, Ordering::SeqCst);
                    x * 2
                },
                |x, r| got.push((x, r)),
            );
            assert_eq!(got, (0..300).map(|x| (x, x * 2)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_go_on_while_one_is_slow_but_not_far_ahead() {
        // Item 100 holds its worker until the others have started every
        // item the window lets them reach; no worker may take an item
        // beyond the window of batches past the last one handed on.
        let threads = 4;
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        let reach = (AHEAD_PER_THREAD - 1) * MAX_BATCH;
        run_in_order(
            threads,
            numbers(5000),
            || (),
            |(), &x| {
                started.fetch_max(x, Ordering::SeqCst);
                if x == 100 {
                    assert!(wait_for(|| started.load(Ordering::SeqCst) >= 100 + reach));
                }
            },
            |i, ()| {
                let s = started.load(Ordering::SeqCst);
                most_ahead = most_ahead.max(s.saturating_sub(i));
            },
        );
        assert!(most_ahead >= reach, "{most_ahead} items ahead");
        let window = AHEAD_PER_THREAD * threads * MAX_BATCH;
        assert!(most_ahead <= window + MAX_BATCH, "{most_ahead} items ahead");
    }

    #[test]
    fn each_thread_has_its_own_state() {
        let states = AtomicUsize::new(0);
        let mut n = 0;
        run_in_order(
            3,
            numbers(1000),
            || states.fetch_add(1, Ordering::SeqCst),
            |_, _| (),
            |_, ()| n += 1,
        );
        assert_eq!(n, 1000);
        assert!((1..=3).contains(&states.load(Ordering::SeqCst)));
    }

    #[test]
    fn one_item_starts_no_thread() {
        let main = std::thread::current().id();
        let mut ran_on = Vec::new();
        run_in_order(
            8,
            numbers(1),
            || (),
            |(), _| std::thread::current().id(),
            |_, id| ran_on.push(id),
        );
        assert_eq!(ran_on, [main]);
    }

    #[test]
    fn a_source_with_nothing_hands_on_nothing() {
        let mut n = 0;
        run_in_order(4, numbers(0), || (), |(), _| (), |_, ()| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn a_panic_in_the_source_stops_every_thread() {
        let r = std::panic::catch_unwind(|| {
            let mut next = 0;
            run_in_order(
                4,
                |batch: &mut Vec<usize>, size: usize| {
                    assert!(next < 1000, "stop");
                    while batch.len() < size {
                        batch.push(next);
                        next += 1;
                    }
                    true
                },
                || (),
                |(), _| (),
                |_, ()| (),
            )
        });
        assert!(r.is_err());
    }

    #[test]
    fn a_panic_in_a_worker_stops_every_thread() {
        let r = std::panic::catch_unwind(|| {
            run_in_order(
                4,
                numbers(10_000),
                || (),
                |(), &x| assert!(x != 700, "stop"),
                |_, ()| (),
            )
        });
        assert!(r.is_err());
    }

    #[test]
    fn a_panic_in_the_output_stops_every_thread() {
        let r = std::panic::catch_unwind(|| {
            run_in_order(
                4,
                numbers(10_000),
                || (),
                |(), _| (),
                |x, ()| assert!(x < 500, "stop"),
            )
        });
        assert!(r.is_err());
    }
}
