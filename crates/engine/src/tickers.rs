//! Companies and tickers: resolve names, brands and symbols; sentiment and relevance per ticker.

use crate::sentiment::SentimentOutput;
use crate::types::{Entity, TickerSentiment};
use crate::Doc;

/// What ticker resolution gives the rest of the pipeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TickerOutput {
    /// Every organisation found, listed or private, in order of first mention.
    pub entities: Vec<Entity>,
    /// One row per ticker symbol, most relevant first.
    pub tickers: Vec<TickerSentiment>,
}

/// Size of a listed company, for the market-impact model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SizeTier {
    Unknown,
    Small,
    Mid,
    Large,
    Mega,
}

/// Find the companies an article is about. (Not yet implemented: finds none.)
pub fn resolve(_doc: &Doc<'_>, _sentiment: &SentimentOutput) -> TickerOutput {
    TickerOutput::default()
}

/// The size tier of a ticker symbol. (Not yet implemented: always unknown.)
pub fn size_tier(_ticker: &str) -> SizeTier {
    SizeTier::Unknown
}
