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
//! each helper, once it runs, allows every core again: it is placed, not
//! pinned. A helper then begins 0.06 to 0.12 ms after it was made.
//!
//! The new threads are found in `/proc/self/task`, as the standard library
//! does not give the id of a scoped thread. Anything that fails (no
//! `/proc`, a sandbox refusing the calls) leaves the scheduler to it.

#[cfg(target_os = "linux")]
mod imp {
    use std::mem::{size_of, zeroed};

    pub struct Placer {
        /// The cores this thread may use, as the kernel gave them.
        all: libc::cpu_set_t,
        /// Those of them it is not on.
        others: Vec<usize>,
        /// The process's threads before the helpers were made.
        before: Vec<libc::pid_t>,
    }

    fn threads() -> Option<Vec<libc::pid_t>> {
        std::fs::read_dir("/proc/self/task")
            .ok()?
            .map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect()
    }

    impl Placer {
        /// Call before making the helpers; None where placing cannot help
        /// (one core) or cannot be done.
        pub fn new() -> Option<Self> {
            // SAFETY: cpu_set_t is plain data, valid when zeroed.
            let mut all: libc::cpu_set_t = unsafe { zeroed() };
            // SAFETY: `all` is a cpu_set_t of the size passed.
            if unsafe { libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut all) } != 0 {
                return None;
            }
            let cores: Vec<usize> = (0..libc::CPU_SETSIZE as usize)
                // SAFETY: `c` is below CPU_SETSIZE.
                .filter(|&c| unsafe { libc::CPU_ISSET(c, &all) })
                .collect();
            // SAFETY: no arguments; -1 on failure.
            let here = unsafe { libc::sched_getcpu() };
            if cores.len() < 2 || here < 0 {
                return None;
            }
            Some(Placer {
                all,
                others: cores.into_iter().filter(|&c| c != here as usize).collect(),
                before: threads()?,
            })
        }

        /// Move each thread made since [`Placer::new`] to a core other than
        /// this one. Every such thread must call [`Placer::release`] (so no
        /// other thread may make threads meanwhile: it would stay pinned).
        pub fn place(&self) {
            let Some(now) = threads() else { return };
            let new = now.into_iter().filter(|t| !self.before.contains(t));
            for (tid, &core) in new.zip(self.others.iter().cycle()) {
                // SAFETY: plain data, valid when zeroed.
                let mut one: libc::cpu_set_t = unsafe { zeroed() };
                // SAFETY: `core` came from the set, so is below CPU_SETSIZE;
                // `one` is a cpu_set_t of the size passed.
                unsafe {
                    libc::CPU_SET(core, &mut one);
                    libc::sched_setaffinity(tid, size_of::<libc::cpu_set_t>(), &one);
                }
            }
        }

        /// In a helper, once placed: allow every core again.
        pub fn release(&self) {
            // SAFETY: `all` is a cpu_set_t of the size passed.
            unsafe { libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &self.all) };
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
