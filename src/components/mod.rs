//! Components shared by several pages.

pub mod analysis_view;
