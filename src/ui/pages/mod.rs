//! One file per route.

pub mod about;
pub mod catalog;
pub mod lesson;
pub mod module;
pub mod not_found;
pub mod progress;
pub mod quiz;
pub mod settings;
