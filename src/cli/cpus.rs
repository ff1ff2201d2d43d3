//! Starting helper threads on idle cores at once.
//!
//! Linux queues a new thread on the core of the thread that made it, and an
//! idle core takes it over only at the scheduler's next tick. On the 2-core
//! test machine (Linux 6.18 under KVM) a helper began 0 to 4 ms after it was
//! made, 2 ms on average: 5% of a corpus run, with one core doing the work
//! alone meanwhile. Waiting for the helper does not help: then the waiting
//! thread is the one left queued behind the other.
//!
//! So the thread that makes helpers moves each, right after making it, to
//! another core it may use (the kernel moves a queued thread at once), and
//! the first helper to run gives every thread moved its own cores back: the
//! helpers are placed, not pinned. A helper then begins 0.06 to 0.12 ms
//! after it was made.
//!
//! The new threads are found in `/proc/self/task`, as the standard library
//! does not give the id of a scoped thread, so a thread made elsewhere
//! meanwhile is moved too; it gets its cores back with the helpers, and one
//! placement at a time runs in the process. Anything that fails (no
//! `/proc`, a sandbox refusing the calls) leaves the scheduler to it.

#[cfg(target_os = "linux")]
mod imp {
    use std::mem::{size_of, zeroed};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A placement is under way somewhere in the process.
    static PLACING: AtomicBool = AtomicBool::new(false);

    pub struct Placer {
        /// The cores this thread may use, other than the one it is on.
        others: Vec<usize>,
        /// The process's threads before the helpers were made.
        before: Vec<libc::pid_t>,
        /// The threads moved, with the cores each had; emptied when they
        /// get them back.
        moved: Mutex<Vec<(libc::pid_t, libc::cpu_set_t)>>,
        /// [`Placer::place`] is done.
        placed: AtomicBool,
    }

    fn threads() -> Option<Vec<libc::pid_t>> {
        std::fs::read_dir("/proc/self/task")
            .ok()?
            .map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect()
    }

    fn cores_of(tid: libc::pid_t) -> Option<libc::cpu_set_t> {
        // SAFETY: cpu_set_t is plain data, valid when zeroed.
        let mut set: libc::cpu_set_t = unsafe { zeroed() };
        // SAFETY: `set` is a cpu_set_t of the size passed.
        let r = unsafe { libc::sched_getaffinity(tid, size_of::<libc::cpu_set_t>(), &mut set) };
        (r == 0).then_some(set)
    }

    fn set_cores(tid: libc::pid_t, set: &libc::cpu_set_t) {
        // SAFETY: `set` is a cpu_set_t of the size passed. A thread that has
        // ended meanwhile makes this fail, which is fine.
        unsafe { libc::sched_setaffinity(tid, size_of::<libc::cpu_set_t>(), set) };
    }

    impl Placer {
        /// Call before making the helpers; None where placing cannot help
        /// (one core), cannot be done, or another placement is under way.
        pub fn new() -> Option<Self> {
            if PLACING.swap(true, Ordering::Acquire) {
                return None;
            }
            let placer = (|| {
                let all = cores_of(0)?;
                // SAFETY: no arguments; -1 on failure.
                let here = usize::try_from(unsafe { libc::sched_getcpu() }).ok()?;
                let cores: Vec<usize> = (0..libc::CPU_SETSIZE as usize)
                    // SAFETY: `c` is below CPU_SETSIZE.
                    .filter(|&c| unsafe { libc::CPU_ISSET(c, &all) })
                    .collect();
                if cores.len() < 2 {
                    return None;
                }
                Some(Placer {
                    others: cores.into_iter().filter(|&c| c != here).collect(),
                    before: threads()?,
                    moved: Mutex::new(Vec::new()),
                    placed: AtomicBool::new(false),
                })
            })();
            if placer.is_none() {
                PLACING.store(false, Ordering::Release);
            }
            placer
        }

        /// Move each thread made since [`Placer::new`] to a core other than
        /// this one.
        pub fn place(&self) {
            if let Some(now) = threads() {
                let new = now.into_iter().filter(|t| !self.before.contains(t));
                let mut moved = self.moved.lock().unwrap_or_else(|e| e.into_inner());
                for (tid, &core) in new.zip(self.others.iter().cycle()) {
                    let Some(had) = cores_of(tid) else { continue };
                    // SAFETY: plain data, valid when zeroed.
                    let mut one: libc::cpu_set_t = unsafe { zeroed() };
                    // SAFETY: `core` came from a cpu_set_t, so is below
                    // CPU_SETSIZE.
                    unsafe { libc::CPU_SET(core, &mut one) };
                    set_cores(tid, &one);
                    moved.push((tid, had));
                }
            }
            self.placed.store(true, Ordering::Release);
        }

        /// In a helper: once [`Placer::place`] is done, give every thread
        /// moved its cores back (the first helper to run does it).
        pub fn release(&self) {
            while !self.placed.load(Ordering::Acquire) {
                std::thread::yield_now();
            }
            self.give_back();
        }

        fn give_back(&self) {
            let mut moved = self.moved.lock().unwrap_or_else(|e| e.into_inner());
            for (tid, had) in moved.drain(..) {
                set_cores(tid, &had);
            }
        }
    }

    impl Drop for Placer {
        /// Whatever happened (no helper could be made, one panicked), no
        /// thread stays moved, and the next run may place its helpers.
        fn drop(&mut self) {
            self.give_back();
            PLACING.store(false, Ordering::Release);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    pub struct Placer;

    impl Placer {
        pub fn new() -> Option<Self> {
            None
        }
        pub fn place(&self) {}
        pub fn release(&self) {}
    }
}

pub use imp::Placer;
