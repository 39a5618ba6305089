//! Components shared by several pages.

pub mod analysis_view;
pub mod badges;
pub mod embed_card;
pub mod embed_dialog;
pub mod highlighted;
pub mod panels;
