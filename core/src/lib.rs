//! The pure domain of ERASMI Toolkit.
//!
//! Architecture invariant: this crate knows nothing of the DOM, IndexedDB, Leptos or
//! wasm-bindgen. It is plain Rust, tested with plain `cargo test`, and linked by the app, the
//! content tools and the fuzz targets alike.

pub mod activity;
pub mod appearance;
pub mod backup;
pub mod codes;
pub mod compendium;
pub mod content;
pub mod group;
pub mod i18n;
pub mod json_path;
pub mod markdown;
pub mod progress;
pub mod quiz;
pub mod routes;
pub mod search;
pub mod validate;
pub mod worksheet;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;
