//! The news the app knows about: the sample articles and the items of added feeds, each
//! analysed once by the engine in the browser when it arrives. Shared through a context so
//! the feed and the article pages see the same items.

use std::sync::Arc;

use leptos::prelude::*;
use newsgauge_engine::{analyze, Analysis, Article};

use crate::samples::{fetch_samples, SampleArticle};
use crate::util;

/// One article with its analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsItem {
    /// URL-safe id: the sample's id, or `f<hash of feed URL>-<index>` for feed items.
    pub id: String,
    pub title: String,
    pub source: String,
    /// The date as given.
    pub date: String,
    /// Milliseconds since the epoch (NaN when the date is unknown), for sorting.
    pub timestamp: f64,
    pub text: String,
    /// A sample written for this project (fiction), as opposed to an item of a real feed.
    pub fictional: bool,
    /// Link to the original, http(s) only.
    pub link: Option<String>,
    pub analysis: Arc<Analysis>,
}

impl NewsItem {
    fn new(
        id: String,
        title: String,
        source: String,
        date: String,
        text: String,
        fictional: bool,
        link: Option<String>,
    ) -> Self {
        let analysis = util::measured("newsgauge:analyze:item", || {
            analyze(&Article::new(Some(&title), &text))
        });
        NewsItem {
            timestamp: util::parse_date(&date),
            id,
            title,
            source,
            date,
            text,
            fictional,
            link,
            analysis: Arc::new(analysis),
        }
    }

    pub fn from_sample(s: SampleArticle) -> Self {
        NewsItem::new(s.id, s.title, s.source, s.date, s.text, true, None)
    }
}

/// What happened to one added feed.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedStatus {
    Loading,
    Loaded {
        title: String,
        items: Vec<NewsItem>,
        skipped: usize,
        not_shown: usize,
    },
    Failed(String),
}

/// One added feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedState {
    pub url: String,
    pub status: FeedStatus,
}

/// The app's news: samples (fetched once) and added feeds. Nothing is fetched or
/// analysed until a page that shows news calls [`Store::load`]: `/analyze` and the
/// widget's card start without that work ahead of their own analysis. (A `LocalResource`
/// would fetch as soon as the store exists, so the samples are a signal filled on demand.)
#[derive(Clone, Copy)]
pub struct Store {
    /// `None` until the samples have arrived (or failed).
    pub samples: RwSignal<Option<Result<Vec<NewsItem>, String>>>,
    pub feeds: RwSignal<Vec<FeedState>>,
    wanted: RwSignal<bool>,
}

/// The id prefix of a feed's items.
pub fn feed_prefix(url: &str) -> String {
    format!("f{:08x}", util::fnv1a(url))
}

impl Store {
    /// Create the store with every remembered feed, nothing fetched yet.
    pub fn new() -> Self {
        let wanted = RwSignal::new(false);
        let samples = RwSignal::new(None);
        let urls: Vec<String> = util::load(util::FEEDS_KEY)
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let feeds = RwSignal::new(
            urls.iter()
                .map(|u| FeedState {
                    url: u.clone(),
                    status: FeedStatus::Loading,
                })
                .collect(),
        );
        Store {
            samples,
            feeds,
            wanted,
        }
    }

    /// Fetch and analyse the samples and the remembered feeds, once: called by the pages
    /// that show news.
    pub fn load(&self) {
        if self.wanted.get_untracked() {
            return;
        }
        self.wanted.set(true);
        let samples = self.samples;
        leptos::task::spawn_local(async move {
            let list = fetch_samples()
                .await
                .map(|list| list.into_iter().map(NewsItem::from_sample).collect());
            samples.set(Some(list));
        });
        for u in self.urls() {
            self.fetch(u);
        }
    }

    /// The added feeds' URLs, in order.
    fn urls(&self) -> Vec<String> {
        self.feeds
            .read_untracked()
            .iter()
            .map(|f| f.url.clone())
            .collect()
    }

    fn remember(&self) {
        let _ = util::save(
            util::FEEDS_KEY,
            &serde_json::to_string(&self.urls()).unwrap_or_default(),
        );
    }

    /// Add a feed (or reload it if already added) and remember it.
    pub fn add(&self, url: String) {
        let url = url.trim().to_owned();
        self.feeds
            .update(|fs| match fs.iter_mut().find(|f| f.url == url) {
                Some(f) => f.status = FeedStatus::Loading,
                None => fs.push(FeedState {
                    url: url.clone(),
                    status: FeedStatus::Loading,
                }),
            });
        self.remember();
        self.fetch(url);
    }

    /// Forget a feed.
    pub fn remove(&self, url: &str) {
        self.feeds.update(|fs| fs.retain(|f| f.url != url));
        self.remember();
    }

    /// Fetch (again) a feed already in the list.
    pub fn retry(&self, url: String) {
        self.feeds.update(|fs| {
            if let Some(f) = fs.iter_mut().find(|f| f.url == url) {
                f.status = FeedStatus::Loading;
            }
        });
        self.fetch(url);
    }

    fn fetch(&self, url: String) {
        let feeds = self.feeds;
        leptos::task::spawn_local(async move {
            let status = load_feed(&url).await;
            feeds.update(|fs| {
                if let Some(f) = fs.iter_mut().find(|f| f.url == url) {
                    f.status = status;
                }
            });
        });
    }

    /// Every item known now: samples, then feed items.
    pub fn all_items(&self) -> Vec<NewsItem> {
        let mut out: Vec<NewsItem> = match self.samples.get() {
            Some(Ok(list)) => list,
            _ => Vec::new(),
        };
        for f in self.feeds.read().iter() {
            if let FeedStatus::Loaded { items, .. } = &f.status {
                out.extend(items.iter().cloned());
            }
        }
        out
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(target_arch = "wasm32")]
async fn load_feed(url: &str) -> FeedStatus {
    match crate::feeds::fetch_feed(url).await {
        Err(e) => FeedStatus::Failed(e),
        Ok(parsed) => {
            let prefix = feed_prefix(url);
            let source = if parsed.title.is_empty() {
                host_of(url)
            } else {
                parsed.title.clone()
            };
            let items = parsed
                .items
                .into_iter()
                .enumerate()
                .map(|(i, it)| {
                    NewsItem::new(
                        format!("{prefix}-{i}"),
                        it.title,
                        source.clone(),
                        it.date,
                        it.text,
                        false,
                        it.link,
                    )
                })
                .collect();
            FeedStatus::Loaded {
                title: parsed.title,
                items,
                skipped: parsed.skipped,
                not_shown: parsed.not_shown,
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn load_feed(_url: &str) -> FeedStatus {
    FeedStatus::Failed("Feeds are fetched only in the browser.".to_owned())
}

/// The host of a URL, for naming a feed without a title.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_owned()
}

/// The store provided by [`crate::App`].
pub fn use_store() -> Store {
    expect_context::<Store>()
}
