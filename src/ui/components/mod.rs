//! Reusable pieces.

pub mod activity;
pub mod avatar;
pub mod banner;
pub mod content_error;
pub mod fallback_note;
pub mod footer;
pub mod header;
pub mod markdown;
pub mod paged;
pub mod profile_menu;
pub mod progress_ring;
pub mod qr;
pub mod radar_chart;
pub mod skip_link;
