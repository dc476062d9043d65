//! One file per route.

pub mod about;
pub mod assignment;
pub mod blueprints;
pub mod cases;
pub mod catalog;
pub mod certificate;
pub mod data;
pub mod glossary;
pub mod lesson;
pub mod module;
pub mod not_found;
pub mod profiles;
pub mod progress;
pub mod quiz;
pub mod saved;
pub mod search;
pub mod self_assessment;
pub mod settings;
pub mod tools;
pub mod trainer;
pub mod unavailable;
