//! Leptos components: render state and dispatch actions; they never parse JSON or compute scores.

pub mod components;
pub mod dom;
pub mod pages;
pub mod title;
