//! One page component per file.

pub mod about;
pub mod analyze;
pub mod article;
pub mod embed;
pub mod feed;
pub mod not_found;
