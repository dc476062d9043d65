//! Time spent learning, measured honestly: only while the page is visible and the learner has
//! given some input (a key, a tap, a scroll) within the last two minutes.
//!
//! [`ActivityClock`] is a pure state machine fed with timestamps; the app feeds it browser events
//! and adds what it measured to an [`ActivityRecord`] per module and day, inside one IndexedDB
//! transaction, so two tabs never overwrite each other's time.

use serde::{Deserialize, Serialize};

/// After this long without input the clock stops (ms).
pub const IDLE_AFTER_MS: f64 = 120_000.0;

/// Accumulates active time from visibility and input events.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityClock {
    visible: bool,
    last_input: f64,
    last_tick: f64,
    pending: f64,
}

impl ActivityClock {
    /// A clock started at `now`; opening a page counts as input.
    pub fn new(now: f64, visible: bool) -> Self {
        ActivityClock {
            visible,
            last_input: now,
            last_tick: now,
            pending: 0.0,
        }
    }

    fn accrue(&mut self, now: f64) {
        if now < self.last_tick {
            // The clock went backwards (the system time changed): count nothing, start again.
            self.last_tick = now;
            self.last_input = self.last_input.min(now);
            return;
        }
        if self.visible {
            let active_until = now.min(self.last_input + IDLE_AFTER_MS);
            if active_until > self.last_tick {
                self.pending += active_until - self.last_tick;
            }
        }
        self.last_tick = now;
    }

    /// The learner did something (key, pointer, scroll, touch).
    pub fn input(&mut self, now: f64) {
        self.accrue(now);
        self.last_input = now;
    }

    /// The page became visible or hidden. Coming back counts as input.
    pub fn visibility(&mut self, visible: bool, now: f64) {
        self.accrue(now);
        self.visible = visible;
        if visible {
            self.last_input = now;
        }
    }

    /// Brings the count up to `now` (called by a timer).
    pub fn tick(&mut self, now: f64) {
        self.accrue(now);
    }

    /// True while time is being counted.
    pub fn is_running(&self, now: f64) -> bool {
        self.visible && now - self.last_input < IDLE_AFTER_MS
    }

    /// Takes the time measured since the last call (ms), bringing the count up to `now`.
    pub fn take(&mut self, now: f64) -> f64 {
        self.accrue(now);
        std::mem::take(&mut self.pending)
    }
}

/// Active time in one module on one day, for one learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRecord {
    pub profile: String,
    /// `<module id>/<day>`.
    pub id: String,
    pub module: String,
    /// The local calendar day, `YYYY-MM-DD`.
    pub day: String,
    /// Active milliseconds.
    pub ms: f64,
    /// When time was last added (ms since the epoch).
    pub updated_at: f64,
}

impl ActivityRecord {
    /// The record id of a module and day.
    pub fn key(module: &str, day: &str) -> String {
        format!("{module}/{day}")
    }

    /// `previous` (if any) with `ms` more active time added at `now`.
    pub fn add(
        previous: Option<ActivityRecord>,
        profile: &str,
        module: &str,
        day: &str,
        ms: f64,
        now: f64,
    ) -> ActivityRecord {
        let mut record = previous.unwrap_or_else(|| ActivityRecord {
            profile: profile.to_owned(),
            id: Self::key(module, day),
            module: module.to_owned(),
            day: day.to_owned(),
            ms: 0.0,
            updated_at: now,
        });
        if ms.is_finite() && ms > 0.0 {
            record.ms += ms;
        }
        record.updated_at = now;
        record
    }
}

/// `YYYY-MM-DD` of a local date.
pub fn day_key(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// A duration for people: "45 min", "2 h 05 min"; under a minute counts as "< 1 min" when any
/// time was measured.
pub fn format_duration(ms: f64) -> String {
    let minutes = (ms / 60_000.0).floor() as u64;
    if ms > 0.0 && minutes == 0 {
        return "< 1 min".into();
    }
    if minutes < 60 {
        return format!("{minutes} min");
    }
    format!("{} h {:02} min", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: f64 = 1000.0;

    #[test]
    fn counts_visible_time_with_recent_input() {
        let mut c = ActivityClock::new(0.0, true);
        c.tick(30.0 * S);
        c.input(60.0 * S);
        assert_eq!(c.take(90.0 * S), 90.0 * S);
        assert_eq!(c.take(90.0 * S), 0.0, "taken time is not counted twice");
    }

    #[test]
    fn stops_two_minutes_after_the_last_input() {
        let mut c = ActivityClock::new(0.0, true);
        // Ten minutes with no input at all: only the first two count.
        assert_eq!(c.take(600.0 * S), IDLE_AFTER_MS);
        assert!(!c.is_running(600.0 * S));
        // Input resumes counting from that moment, not from the last tick before the gap.
        c.input(700.0 * S);
        assert_eq!(c.take(760.0 * S), 60.0 * S);
    }

    #[test]
    fn a_hidden_tab_counts_nothing() {
        let mut c = ActivityClock::new(0.0, true);
        c.visibility(false, 10.0 * S);
        c.input(20.0 * S);
        c.tick(100.0 * S);
        assert_eq!(c.take(100.0 * S), 10.0 * S);
        c.visibility(true, 200.0 * S);
        assert!(c.is_running(200.0 * S));
        assert_eq!(c.take(230.0 * S), 30.0 * S);
    }

    #[test]
    fn a_clock_going_backwards_counts_nothing() {
        let mut c = ActivityClock::new(100.0 * S, true);
        assert_eq!(c.take(50.0 * S), 0.0);
        assert_eq!(c.take(60.0 * S), 10.0 * S);
    }

    #[test]
    fn records_add_up_and_ignore_nonsense() {
        let r = ActivityRecord::add(None, "p", "m", "2026-11-26", 1500.0, 1.0);
        assert_eq!(r.id, "m/2026-11-26");
        let r = ActivityRecord::add(Some(r), "p", "m", "2026-11-26", f64::NAN, 2.0);
        let r = ActivityRecord::add(Some(r), "p", "m", "2026-11-26", -5.0, 3.0);
        let r = ActivityRecord::add(Some(r), "p", "m", "2026-11-26", 500.0, 4.0);
        assert_eq!(r.ms, 2000.0);
        assert_eq!(r.updated_at, 4.0);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(0.0), "0 min");
        assert_eq!(format_duration(20_000.0), "< 1 min");
        assert_eq!(format_duration(45.0 * 60_000.0), "45 min");
        assert_eq!(format_duration(125.0 * 60_000.0), "2 h 05 min");
        assert_eq!(day_key(2026, 3, 7), "2026-03-07");
    }
}
