//! Sample articles shipped as static JSON under `/samples/` and fetched at run time.

use serde::{Deserialize, Serialize};

/// One sample article as stored in `assets/samples/articles.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleArticle {
    pub id: String,
    pub title: String,
    pub source: String,
    pub date: String,
    pub text: String,
}

/// Where the samples are served from (same origin).
pub const SAMPLES_URL: &str = "/samples/articles.json";

/// Fetch every sample article.
pub async fn fetch_samples() -> Result<Vec<SampleArticle>, String> {
    let resp = gloo_net::http::Request::get(SAMPLES_URL)
        .send()
        .await
        .map_err(|e| format!("could not load samples: {e}"))?;
    if !resp.ok() {
        return Err(format!("could not load samples: HTTP {}", resp.status()));
    }
    resp.json::<Vec<SampleArticle>>()
        .await
        .map_err(|e| format!("samples are malformed: {e}"))
}
