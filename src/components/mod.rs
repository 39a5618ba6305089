//! Components shared by several pages.

pub mod analysis_view;
pub mod badges;
pub mod highlighted;
pub mod panels;
