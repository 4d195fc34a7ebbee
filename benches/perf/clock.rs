//! Wall and CPU time. The machines this runs on are shared and often oversubscribed, so
//! every figure is given as wall-clock time (what a person waits) and CPU time (the work
//! done, which other processes' load barely changes).

use std::time::{Duration, Instant};

/// One measurement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sample {
    /// Elapsed real time.
    pub wall: Duration,
    /// CPU time (user + system) of the work measured.
    pub cpu: Duration,
}

fn timespec(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock ids used exist on Linux.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time of all children waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value to be overwritten by getrusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is valid and writable.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Time `f` on this thread.
pub fn thread<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let (w0, c0) = (Instant::now(), timespec(libc::CLOCK_THREAD_CPUTIME_ID));
    let value = f();
    let sample =
        Sample { wall: w0.elapsed(), cpu: timespec(libc::CLOCK_THREAD_CPUTIME_ID).saturating_sub(c0) };
    (value, sample)
}

/// Time `f`, which runs and waits for child processes.
pub fn children<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let (w0, c0) = (Instant::now(), children_cpu());
    let value = f();
    (value, Sample { wall: w0.elapsed(), cpu: children_cpu().saturating_sub(c0) })
}

/// The `p`-quantile (0–1) of wall times and of CPU times, each sorted on its own.
pub fn quantile(samples: &[Sample], p: f64) -> Sample {
    let pick = |mut xs: Vec<Duration>| {
        xs.sort();
        let i = ((xs.len().saturating_sub(1)) as f64 * p).round() as usize;
        xs.get(i).copied().unwrap_or_default()
    };
    Sample {
        wall: pick(samples.iter().map(|s| s.wall).collect()),
        cpu: pick(samples.iter().map(|s| s.cpu).collect()),
    }
}

/// The 1-, 5- and 15-minute load averages, to print beside the results.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
