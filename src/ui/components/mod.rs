//! Reusable pieces.

pub mod banner;
pub mod content_error;
pub mod footer;
pub mod header;
pub mod markdown;
pub mod progress_ring;
pub mod radar_chart;
pub mod skip_link;
