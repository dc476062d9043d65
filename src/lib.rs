//! The ERASMI Toolkit app: a Leptos single-page app over the pure `erasmi-core` crate.
//!
//! `ui → store → core` and `ui → core`; only [`store`] touches IndexedDB, and [`source`] is the
//! only place content files are fetched.

pub mod app;
pub mod device;
pub mod i18n;
pub mod panic;
pub mod pwa;
pub mod source;
pub mod state;
pub mod store;
pub mod ui;

pub use app::boot;
