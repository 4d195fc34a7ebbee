//! When each person applies first, in time order, drawn one working day at a time so a
//! million arrivals never sit in memory together: working hours over the history, a
//! little more often lately, as a growing company sees.

use super::rng::Rng;
use super::time::{DAY, Micros, working_time};

/// How far back the demo's history reaches.
pub const HISTORY_DAYS: i64 = 365;

/// Arrival times in increasing order; memory holds one working day of them.
pub struct Arrivals {
    rng: Rng,
    /// Draws still to make.
    left: u64,
    /// The last sorted uniform drawn (0 before the first).
    u: f64,
    start: Micros,
    now: Micros,
    /// A draw that belongs to the next working day.
    peeked: Option<Micros>,
    /// The current day's arrivals, sorted, and how many were handed out.
    day: Vec<Micros>,
    pos: usize,
}

impl Arrivals {
    /// `count` arrivals over the `HISTORY_DAYS` before `now`.
    pub fn new(rng: Rng, count: usize, now: Micros) -> Arrivals {
        Arrivals {
            rng,
            left: count as u64,
            u: 0.0,
            start: now - HISTORY_DAYS * DAY,
            now,
            peeked: None,
            day: Vec::new(),
            pos: 0,
        }
    }

    /// The next uniform order statistic: the smallest of the `left` uniforms still above
    /// the last one is `1 - V^(1/left)` of the way from it to 1, so sorted uniforms come
    /// out one by one without drawing and sorting them all.
    fn draw(&mut self) -> Option<Micros> {
        if self.left == 0 {
            return None;
        }
        let v = 1.0 - self.rng.unit(); // in (0, 1]
        self.u += (1.0 - self.u) * (1.0 - v.powf(1.0 / self.left as f64));
        self.left -= 1;
        let x = self.u.clamp(0.0, 1.0).powf(0.85);
        Some(self.start + (x * (HISTORY_DAYS * DAY) as f64) as Micros)
    }

    /// Draw every arrival of the next working day, with its time of day, sorted.
    fn fill_day(&mut self) -> bool {
        self.day.clear();
        self.pos = 0;
        let Some(first) = self.peeked.take().or_else(|| self.draw()) else { return false };
        let day = working_time(first, 0);
        let mut next = Some(first);
        while let Some(t) = next {
            if working_time(t, 0) != day {
                self.peeked = Some(t);
                break;
            }
            let minute = self.rng.below(9 * 60) as u32;
            self.day.push(working_time(t, minute).min(self.now));
            next = self.draw();
        }
        self.day.sort_unstable();
        true
    }
}

impl Iterator for Arrivals {
    type Item = Micros;

    fn next(&mut self) -> Option<Micros> {
        if self.pos == self.day.len() && !self.fill_day() {
            return None;
        }
        let t = self.day.get(self.pos).copied();
        self.pos += 1;
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrivals_are_sorted_within_the_history_and_all_there() {
        let now = 1_780_000_000_000_000;
        let all: Vec<Micros> = Arrivals::new(Rng::new(7), 20_000, now).collect();
        assert_eq!(all.len(), 20_000);
        assert!(all.windows(2).all(|w| w[0] <= w[1]));
        assert!(all.iter().all(|&t| t <= now && t >= now - (HISTORY_DAYS + 3) * DAY));
        // Spread over the year, somewhat more in the second half.
        let half = now - HISTORY_DAYS * DAY / 2;
        let late = all.iter().filter(|&&t| t >= half).count();
        assert!((10_000..14_000).contains(&late), "{late}");
    }
}
