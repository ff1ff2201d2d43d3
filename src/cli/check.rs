//! Checking one input: read, decode, lint, fix, encode, write.

use super::files::{FileId, Input, shown};
use crate::textfile::{self, NotRead};
use copydesk::decode::{self, Encoding};
use copydesk::diagnostic::{Applicability, Diagnostic};
use copydesk::{Format, Linter};

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
    Diff,
}

/// How every input is checked.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub mode: Mode,
    /// The highest fix tier applied (`--unsafe-fixes`: all).
    pub level: Applicability,
    /// `--encoding`: how to read files without a byte-order mark.
    pub legacy: Option<Encoding>,
}

/// A checked input.
pub struct Checked {
    /// The name it is shown as: only made when something is shown (it has
    /// findings, or a diff or fixed text), else empty.
    pub name: String,
    /// The text the diagnostics refer to (after fixing, in fix mode); empty
    /// when there are none.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied (fix mode) or available (diff mode).
    pub fixed: usize,
    /// Diff mode: the unified diff. Fix mode on stdin: the fixed bytes.
    pub output: Vec<u8>,
    /// How it was read.
    pub format: Format,
}

/// Why an input was not checked.
pub enum NotChecked {
    /// An error: reported, and the exit code is 2.
    Error(String),
    /// A file found by walking that could not be read: a warning.
    Warning(String),
    /// A binary file: a notice, not an error.
    Skipped(String),
}

/// The name an input is shown as.
fn name_of(input: &Input) -> String {
    match input {
        Input::Named(p) | Input::Walked(p) => shown(p),
        Input::Stdin(n) | Input::StdinExcluded(n) => n.display().to_string(),
    }
}

/// An input's outcome, and the identity of the file read (for
/// [`super::files::Seen`]).
pub type Outcome = (Result<Checked, NotChecked>, Option<FileId>);

/// Read, decode and lint one input, read as `format` (`None`: no format
/// claims it, and it is read as plain text). Only inputs with findings keep
/// their text.
pub fn check_one(input: &Input, linter: &Linter, opts: Options, format: Option<Format>) -> Outcome {
    if format.is_none()
        && !matches!(input, Input::StdinExcluded(_))
        && let Some(what) = copydesk::prose::unreadable(input.path())
    {
        let name = name_of(input);
        return (
            Err(NotChecked::Skipped(format!(
                "{name}: skipped: {what}, not a text format copydesk reads"
            ))),
            None,
        );
    }
    let format = format.unwrap_or_default();
    let mut id = None;
    if format.is_binary() && !matches!(input, Input::StdinExcluded(_)) {
        let result = check_docx(input, linter, opts, &mut id);
        return (result, id);
    }
    let result = (|| {
        let (path, bytes) = match input {
            Input::StdinExcluded(n) => {
                let output = textfile::read_text(std::io::stdin().lock(), |_| 0)
                    .map_err(|e| not_read(e, input, || n.display().to_string()))?;
                return Ok(Checked {
                    name: n.display().to_string(),
                    text: String::new(),
                    diagnostics: Vec::new(),
                    fixed: 0,
                    output,
                    format,
                });
            }
            Input::Stdin(n) => {
                let b =
                    textfile::read_text(std::io::stdin().lock(), |_| 0).map_err(|e| match e {
                        NotRead::Error(e) => {
                            NotChecked::Error(format!("cannot read standard input: {e}"))
                        }
                        NotRead::Binary => {
                            NotChecked::Skipped(textfile::binary_note(&n.display().to_string()))
                        }
                    })?;
                (None, b)
            }
            Input::Named(p) | Input::Walked(p) => {
                let opened = textfile::open(p);
                // An unreadable file keeps its identity (it is not reported twice).
                id = match &opened {
                    Ok((_, meta)) => FileId::of(meta, p),
                    Err(_) => FileId::of_path(p),
                };
                let (file, meta) = opened.map_err(|m| unread(m, input))?;
                let b = textfile::read_file(file, &meta).map_err(|e| match e {
                    NotRead::Error(e) => unread(format!("cannot read {}: {e}", p.display()), input),
                    NotRead::Binary => NotChecked::Skipped(textfile::binary_note(&shown(p))),
                })?;
                (Some(&**p), b)
            }
        };
        check_text(input, path, bytes, linter, opts, format)
    })();
    (result, id)
}

/// A file that could not be read: only a file the user named makes the run
/// fail.
fn unread(message: String, input: &Input) -> NotChecked {
    match input {
        Input::Walked(_) => NotChecked::Warning(message),
        _ => NotChecked::Error(message),
    }
}

fn not_read(e: NotRead, input: &Input, name: impl FnOnce() -> String) -> NotChecked {
    match e {
        NotRead::Error(m) => unread(m, input),
        NotRead::Binary => NotChecked::Skipped(textfile::binary_note(&name())),
    }
}

/// Decode, lint and (as asked) fix the bytes of a text input.
fn check_text(
    input: &Input,
    path: Option<&std::path::Path>,
    bytes: Vec<u8>,
    linter: &Linter,
    opts: Options,
    format: Format,
) -> Result<Checked, NotChecked> {
    // Fix mode compares the file on disk with what was read.
    let original = if opts.mode == Mode::Fix && path.is_some() {
        bytes.clone()
    } else {
        Vec::new()
    };
    let decoded = decode::decode(bytes, opts.legacy)
        .map_err(|e| NotChecked::Error(format!("{}: {e}; file skipped", name_of(input))))?;
    let (text, encoding) = (decoded.text, decoded.encoding);
    if opts.mode == Mode::Check {
        let diagnostics = linter.lint(&text, format);
        if diagnostics.is_empty() {
            return Ok(Checked {
                name: String::new(),
                text: String::new(),
                diagnostics,
                fixed: 0,
                output: Vec::new(),
                format,
            });
        }
        return Ok(Checked {
            name: name_of(input),
            text,
            diagnostics,
            fixed: 0,
            output: Vec::new(),
            format,
        });
    }
    let name = name_of(input);
    let outcome = copydesk::fix::fix_all(linter, &text, format, opts.level);
    let mut output = Vec::new();
    match (opts.mode, path) {
        (Mode::Diff, _) => {
            output = copydesk::fix::unified_diff(&name, &text, &outcome.text).into_bytes();
        }
        (Mode::Fix, None) => {
            output = decode::encode(&outcome.text, encoding)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
        }
        (Mode::Fix, Some(p)) if outcome.applied > 0 => {
            let new = decode::encode(&outcome.text, encoding)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
            textfile::write_atomically(p, &original, &new)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
        }
        _ => {}
    }
    if opts.mode == Mode::Diff {
        let diagnostics = linter.lint(&text, format);
        return Ok(Checked {
            name,
            text,
            diagnostics,
            fixed: outcome.applied,
            output,
            format,
        });
    }
    Ok(Checked {
        name,
        text: outcome.text,
        diagnostics: outcome.remaining,
        fixed: outcome.applied,
        output,
        format,
    })
}

/// A Word document: read its bytes, take its paragraphs' text
/// ([`copydesk::prose::docx::extract`]) and lint that. Never written:
/// `--fix` and `--diff` are refused for it, and nothing is written.
fn check_docx(
    input: &Input,
    linter: &Linter,
    opts: Options,
    id: &mut Option<FileId>,
) -> Result<Checked, NotChecked> {
    let name = name_of(input);
    if opts.mode != Mode::Check {
        return Err(NotChecked::Error(format!(
            "{name}: not fixed: copydesk does not write Word documents (nothing was written); \
             check it without --fix or --diff, and make the changes in Word"
        )));
    }
    let bytes = match input {
        Input::Named(p) | Input::Walked(p) => {
            let opened = textfile::open(p);
            *id = match &opened {
                Ok((_, meta)) => FileId::of(meta, p),
                Err(_) => FileId::of_path(p),
            };
            opened
                .and_then(|(f, meta)| textfile::read_bytes(f, &meta, p))
                .map_err(|e| unread(e, input))?
        }
        _ => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
                .map_err(|e| NotChecked::Error(format!("cannot read standard input: {e}")))?;
            b
        }
    };
    let doc = copydesk::prose::docx::extract(&bytes)
        .map_err(|e| NotChecked::Error(format!("{name}: {e}; file skipped")))?;
    let diagnostics = linter.lint(&doc.text, Format::Docx);
    Ok(Checked {
        name,
        text: if diagnostics.is_empty() {
            String::new()
        } else {
            doc.text
        },
        diagnostics,
        fixed: 0,
        output: Vec::new(),
        format: Format::Docx,
    })
}

/// How many items a batch holds at most. Workers take the items a batch at
/// a time and hand the results on a batch at a time, so threads meet once
/// every few dozen files, not twice a file (with one meeting a file, the
/// corpus took four times the system time on two threads, in futex calls).
const MAX_BATCH: usize = 16;

/// How many items the workers may take beyond the last one handed on, per
/// thread: only the results of those (the ones that finished out of order)
/// ever wait, however many items there are.
const AHEAD_PER_THREAD: usize = 64;

/// Items taken from the source ahead of the workers, per thread: when
/// fewer are queued, a worker takes more before its next batch. The source
/// can be slow now and then (a walk reads and sorts a whole folder when it
/// enters it: about a millisecond for 3,000 files); the other workers go on
/// with what is queued meanwhile, instead of waiting for the source.
const QUEUED_PER_THREAD: usize = 64;

/// The size of batch `seq`: small at first, so that a run of a few files
/// is shared between the threads, then `MAX_BATCH`.
fn batch_size(seq: usize, threads: usize) -> usize {
    (1 + seq / threads).min(MAX_BATCH)
}

/// Take the items of `source` (it fills the vector with up to the number
/// asked, in order, and says whether more may come), apply `work` to each
/// on up to `threads` threads, and hand each item and its result to `each`
/// in the order of the items, as soon as it and all before it are done,
/// whatever the thread count.
///
/// There is no thread of its own for the source or for `each`: the calling
/// thread works too. The items taken from the source wait in a queue; a
/// worker that finds it short takes more from the source (one worker at a
/// time, and without holding the queue, so the others go on), and the
/// worker that finishes the batch next in order hands on it and any
/// finished after it. Workers take at most `AHEAD_PER_THREAD * threads`
/// items beyond the last one handed on, and wait when they reach that.
///
/// `init` makes each thread's own state for `work` (a cache, say).
pub fn run_in_order<T: Send, R: Send, W>(
    threads: usize,
    source: impl FnMut(&mut Vec<T>, usize) -> bool + Send,
    init: impl Fn() -> W + Sync,
    work: impl Fn(&mut W, &T) -> R + Sync,
    mut each: impl FnMut(T, R) + Send,
) {
    let mut source = source;
    if threads <= 1 {
        let mut state = init();
        let mut batch = Vec::new();
        let mut more = true;
        while more {
            more = source(&mut batch, MAX_BATCH);
            for item in batch.drain(..) {
                let r = work(&mut state, &item);
                each(item, r);
            }
        }
        return;
    }
    let shared = Shared {
        source: std::sync::Mutex::new(source),
        items: std::sync::Mutex::new(Items {
            queue: std::collections::VecDeque::new(),
            done: false,
            taking: false,
            hungry: 0,
            seq: 0,
            taken: 0,
        }),
        fed: std::sync::Condvar::new(),
        queue: std::sync::Mutex::new(Queue {
            next: 0,
            handed: 0,
            ready: std::collections::BTreeMap::new(),
            handing: false,
            waiting: 0,
            failed: false,
        }),
        room: std::sync::Condvar::new(),
        each: std::sync::Mutex::new(&mut each),
        window: AHEAD_PER_THREAD * threads,
        low: QUEUED_PER_THREAD * threads,
        threads,
    };
    let placer = std::sync::OnceLock::new();
    std::thread::scope(|scope| {
        let shared = &shared;
        let placer = &placer;
        let (init, work) = (&init, &work);
        // The helpers start as soon as the source says more than one batch
        // may come: a run of one file starts no thread. Each is placed on
        // an idle core as it is made (see `cpus`).
        let mut helpers = Vec::new();
        let spawn = |helpers: &mut Vec<_>| {
            let placer = placer.get_or_init(super::cpus::Placer::new).as_ref();
            for _ in 1..threads {
                let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
                    if let Some(p) = placer {
                        p.release();
                    }
                    shared.work(init, work)
                });
                match helper {
                    Ok(h) => helpers.push(h),
                    // Done with the threads there are.
                    Err(_) => break,
                }
            }
            if let Some(p) = placer {
                p.place();
            }
        };
        shared.work_first(init, work, || spawn(&mut helpers));
        for h in helpers {
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
}

/// The items taken from the source and not yet by a worker.
struct Items<T> {
    queue: std::collections::VecDeque<T>,
    /// The source has no more.
    done: bool,
    /// A worker is taking items from the source.
    taking: bool,
    /// Workers waiting for items.
    hungry: usize,
    /// The number of the next batch, and the items taken by workers so far.
    seq: usize,
    taken: usize,
}

struct Queue<T, R> {
    /// The number of the next batch to hand on, and the items handed on.
    next: usize,
    handed: usize,
    /// Batches done before their turn.
    ready: std::collections::BTreeMap<usize, Vec<(T, R)>>,
    /// A worker is handing results on.
    handing: bool,
    /// Workers waiting for the output to catch up.
    waiting: usize,
    /// A thread panicked: the others stop.
    failed: bool,
}

/// Locks are taken in this order: `source`, `items`, `queue`, `each`.
struct Shared<'e, S, T, R, E: ?Sized> {
    /// Only the worker with `items.taking` set takes this lock.
    source: std::sync::Mutex<S>,
    items: std::sync::Mutex<Items<T>>,
    /// Items came, or the source has no more.
    fed: std::sync::Condvar,
    queue: std::sync::Mutex<Queue<T, R>>,
    room: std::sync::Condvar,
    each: std::sync::Mutex<&'e mut E>,
    window: usize,
    /// Below this many queued items, a worker takes more from the source.
    low: usize,
    threads: usize,
}

fn lock<X>(m: &std::sync::Mutex<X>) -> std::sync::MutexGuard<'_, X> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn wait<'a, X>(
    c: &std::sync::Condvar,
    g: std::sync::MutexGuard<'a, X>,
) -> std::sync::MutexGuard<'a, X> {
    c.wait(g).unwrap_or_else(|e| e.into_inner())
}

/// Marks the run failed if a thread unwinds, so that the others stop
/// instead of waiting for it.
struct FailGuard<'a, T, R> {
    items: &'a std::sync::Mutex<Items<T>>,
    fed: &'a std::sync::Condvar,
    queue: &'a std::sync::Mutex<Queue<T, R>>,
    room: &'a std::sync::Condvar,
}

impl<T, R> Drop for FailGuard<'_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.queue).failed = true;
            self.room.notify_all();
            // No thread holds `items` while it runs code that may panic.
            let mut it = lock(self.items);
            it.done = true;
            it.taking = false;
            drop(it);
            self.fed.notify_all();
        }
    }
}

impl<S, T, R, E> Shared<'_, S, T, R, E>
where
    S: FnMut(&mut Vec<T>, usize) -> bool,
    E: FnMut(T, R) + ?Sized,
{
    fn work<W>(&self, init: &impl Fn() -> W, work: &impl Fn(&mut W, &T) -> R) {
        self.work_first(init, work, || {});
    }

    /// The worker loop; `started` is called once more than one batch may
    /// come.
    fn work_first<W>(
        &self,
        init: &impl Fn() -> W,
        work: &impl Fn(&mut W, &T) -> R,
        started: impl FnOnce(),
    ) {
        let _guard = FailGuard {
            items: &self.items,
            fed: &self.fed,
            queue: &self.queue,
            room: &self.room,
        };
        let mut started = Some(started);
        let mut state = init();
        let mut batch = Vec::new();
        let mut taken = Vec::new();
        loop {
            let mut it = lock(&self.items);
            // Wait while the items taken run too far ahead of those handed
            // on.
            let t = it.taken;
            if t >= lock(&self.queue).handed + self.window {
                drop(it);
                let mut q = lock(&self.queue);
                q.waiting += 1;
                while !q.failed && t >= q.handed + self.window {
                    q = wait(&self.room, q);
                }
                q.waiting -= 1;
                if q.failed {
                    break;
                }
                continue;
            }
            // Take more from the source when the queue runs short: here,
            // between batches, so the batch this worker has taken is not
            // held up by the source (the others may run only the window
            // ahead of it). When the queue is empty (the first batch, or
            // the source was slower than the workers), take just enough
            // to go on with.
            if !it.done
                && !it.taking
                && it.queue.len() < self.low
                && (it.queue.is_empty() || it.seq > 0)
            {
                let target = if it.queue.is_empty() { 1 } else { 2 * self.low };
                it.taking = true;
                drop(it);
                self.take_from_source(&mut taken, target);
                continue;
            }
            if it.queue.is_empty() {
                if it.done {
                    break;
                }
                it.hungry += 1;
                it = wait(&self.fed, it);
                it.hungry -= 1;
                continue;
            }
            let n = batch_size(it.seq, self.threads).min(it.queue.len());
            batch.extend(it.queue.drain(..n));
            let seq = it.seq;
            it.seq += 1;
            it.taken += n;
            let more = !(it.done && it.queue.is_empty());
            drop(it);
            if more && let Some(f) = started.take() {
                f();
            }
            let results: Vec<(T, R)> = batch
                .drain(..)
                .map(|item| {
                    let r = work(&mut state, &item);
                    (item, r)
                })
                .collect();
            if !self.hand_on(seq, results) {
                break;
            }
        }
    }

    /// Take items from the source into the queue until it holds `target`
    /// or the source has no more. The caller has set `items.taking`; this
    /// clears it.
    fn take_from_source(&self, buf: &mut Vec<T>, target: usize) {
        let mut source = lock(&self.source);
        loop {
            let more = (*source)(buf, MAX_BATCH);
            let mut it = lock(&self.items);
            it.queue.extend(buf.drain(..));
            if !more {
                it.done = true;
            }
            let stop = it.done || it.queue.len() >= target;
            if stop {
                it.taking = false;
            }
            let hungry = it.hungry > 0;
            drop(it);
            if hungry {
                self.fed.notify_all();
            }
            if stop {
                return;
            }
        }
    }

    /// Queue batch `seq`; if no worker is handing results on, hand on
    /// every batch whose turn has come. False if the run failed.
    fn hand_on(&self, seq: usize, results: Vec<(T, R)>) -> bool {
        let mut q = lock(&self.queue);
        if q.failed {
            return false;
        }
        q.ready.insert(seq, results);
        if q.handing {
            return true;
        }
        q.handing = true;
        loop {
            let next = q.next;
            let Some(batch) = q.ready.remove(&next) else {
                q.handing = false;
                return true;
            };
            drop(q);
            let n = batch.len();
            {
                // Only the worker handing on takes this lock: it never waits.
                let mut each = lock(&self.each);
                for (item, r) in batch {
                    (*each)(item, r);
                }
            }
            q = lock(&self.queue);
            q.next += 1;
            q.handed += n;
            if q.waiting > 0 {
                self.room.notify_all();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// [`super::run_in_order`], one run at a time in this test process.
    /// Helpers are placed by finding the threads made since placing began
    /// (see `cpus`): a thread another test made meanwhile would be moved
    /// for a moment too, and the test of placement would see it so.
    fn run_in_order<T: Send, R: Send, W>(
        threads: usize,
        source: impl FnMut(&mut Vec<T>, usize) -> bool + Send,
        init: impl Fn() -> W + Sync,
        work: impl Fn(&mut W, &T) -> R + Sync,
        each: impl FnMut(T, R) + Send,
    ) {
        static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _turn = lock(&ONE_AT_A_TIME);
        super::run_in_order(threads, source, init, work, each)
    }

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

    #[test]
    fn results_come_in_order_on_many_threads() {
        for threads in [1, 2, 8] {
            let mut got = Vec::new();
            run_in_order(
                threads,
                numbers(300),
                || (),
                |(), &x| {
                    // Later items finish first now and then.
                    if x % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    x * 2
                },
                |x, r| got.push((x, r)),
            );
            assert_eq!(got, (0..300).map(|x| (x, x * 2)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_do_not_run_far_ahead() {
        // One item is slow (once the helpers run): the others may finish,
        // but no worker takes an item more than the window beyond the last
        // one handed on.
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        run_in_order(
            4,
            numbers(5000),
            || (),
            |(), &x| {
                started.fetch_max(x, Ordering::SeqCst);
                if x == 100 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            },
            |i, ()| {
                let s = started.load(Ordering::SeqCst);
                most_ahead = most_ahead.max(s.saturating_sub(i));
            },
        );
        assert!(
            most_ahead <= AHEAD_PER_THREAD * 4 + MAX_BATCH,
            "{most_ahead} items ahead"
        );
        assert!(
            most_ahead > AHEAD_PER_THREAD,
            "the other workers went on meanwhile: {most_ahead}"
        );
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
    fn workers_go_on_while_the_source_is_slow() {
        // The source stalls once, as a walk does when it enters a large
        // folder: the other worker goes on with the items queued.
        let stalled = std::sync::atomic::AtomicBool::new(false);
        let done_meanwhile = AtomicUsize::new(0);
        let mut next = 0;
        let mut stalls = 0;
        let source = |batch: &mut Vec<usize>, size: usize| {
            if next >= 300 && stalls == 0 {
                stalls += 1;
                stalled.store(true, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(200));
                stalled.store(false, Ordering::SeqCst);
            }
            while batch.len() < size && next < 2000 {
                batch.push(next);
                next += 1;
            }
            next < 2000
        };
        let mut n = 0;
        run_in_order(
            2,
            source,
            || (),
            |(), _| {
                if stalled.load(Ordering::SeqCst) {
                    done_meanwhile.fetch_add(1, Ordering::SeqCst);
                }
                // Files take time: with no work at all, the workers could
                // empty the queue faster than the source fills it, and
                // then rightly wait for it.
                std::thread::sleep(std::time::Duration::from_micros(50));
            },
            |_, ()| n += 1,
        );
        assert_eq!(n, 2000);
        // More than the batch the other worker was on when the stall
        // began: it took more from the queue meanwhile.
        let meanwhile = done_meanwhile.load(Ordering::SeqCst);
        assert!(
            meanwhile > 2 * MAX_BATCH,
            "{meanwhile} done during the stall"
        );
    }

    /// The cores thread `tid` may use (0: the calling thread).
    #[cfg(target_os = "linux")]
    fn cores(tid: libc::pid_t) -> Vec<usize> {
        // SAFETY: plain data, valid zeroed; the size passed is its own.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        let n = std::mem::size_of::<libc::cpu_set_t>();
        assert_eq!(unsafe { libc::sched_getaffinity(tid, n, &mut set) }, 0);
        (0..libc::CPU_SETSIZE as usize)
            // SAFETY: below CPU_SETSIZE.
            .filter(|&c| unsafe { libc::CPU_ISSET(c, &set) })
            .collect()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn helpers_are_placed_not_pinned() {
        // Each helper is moved to another core as it is made; once it runs,
        // it may use every core the caller may.
        // Those of the process's first thread: a test thread the harness
        // made while another test placed its helpers may be moved for a
        // moment.
        // SAFETY: no arguments.
        let all = cores(unsafe { libc::getpid() });
        let seen = std::sync::Mutex::new(Vec::new());
        run_in_order(
            3,
            numbers(2000),
            || (),
            |(), _| {
                let c = cores(0);
                let mut seen = seen.lock().unwrap();
                if !seen.contains(&c) {
                    seen.push(c);
                }
            },
            |_, ()| (),
        );
        assert_eq!(seen.into_inner().unwrap(), [all]);
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
