//! `/article/:id`: one article (a sample or an added feed's item) with its full analysis, in
//! the order the reader needs it: impact, title, tickers and topics, summary, sentiment,
//! ticker bars, key decisions, then the highlighted text.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use newsgauge_engine::Field;

use crate::components::badges::{FictionNotice, ImpactBadge, TickerChips, TopicTags};
use crate::components::embed_dialog::EmbedButton;
use crate::components::highlighted::HighlightedText;
use crate::components::panels::AnalysisPanels;
use crate::store::{use_store, FeedStatus, NewsItem};
use crate::util;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let store = use_store();
    store.load();
    let id = move || params.read().get("id").unwrap_or_default();
    let found = move || -> Option<Result<NewsItem, &'static str>> {
        let id = id();
        if let Some(Ok(list)) = store.samples.get() {
            if let Some(item) = list.into_iter().find(|s| s.id == id) {
                return Some(Ok(item));
            }
        }
        let mut pending = store.samples.get().is_none();
        for f in store.feeds.read().iter() {
            match &f.status {
                FeedStatus::Loaded { items, .. } => {
                    if let Some(it) = items.iter().find(|i| i.id == id) {
                        return Some(Ok(it.clone()));
                    }
                }
                FeedStatus::Loading => {
                    pending |= id.starts_with(&crate::store::feed_prefix(&f.url))
                }
                FeedStatus::Failed(_) => {}
            }
        }
        if pending {
            None
        } else {
            Some(Err("not found"))
        }
    };
    view! {
        <p class="back">
            <a href="/" data-testid="back">"← Back to News"</a>
        </p>
        {move || match found() {
            None => view! { <p class="loading" role="status">"Loading article…"</p> }.into_any(),
            Some(Err(_)) => {
                let err = store.samples.get().and_then(|r| r.err());
                view! {
                    <h1>"Article not found"</h1>
                    <p>
                        {err.unwrap_or_else(|| "There is no article with this address. It may have come from a feed that was removed.".to_owned())}
                    </p>
                }
                    .into_any()
            }
            Some(Ok(item)) => view! { <ArticleBody item=item /> }.into_any(),
        }}
    }
}

#[component]
fn ArticleBody(item: NewsItem) -> impl IntoView {
    let a = item.analysis.clone();
    let selected = RwSignal::new(None::<String>);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{} · Newsgauge", util::prefix(&item.title, 120)));
    }
    let link = item.link.clone();
    view! {
        <article class="article" data-testid="article">
            <div class="article-top">
                <ImpactBadge score=a.impact.score level=a.impact.level.clone() />
                {item.fictional.then(|| view! { <FictionNotice /> })}
            </div>
            <h1 class="article-title">
                <HighlightedText text=item.title.clone() field=Field::Title analysis=a.clone() selected=selected />
            </h1>
            <p class="meta">
                <span class="source">{item.source.clone()}</span>
                " · "
                <time>{util::iso_day(item.timestamp, &item.date)}</time>
                {link
                    .map(|href| {
                        view! {
                            " · "
                            <a href=href target="_blank" rel="noopener noreferrer" data-testid="source-link">
                                "Read at the source"
                            </a>
                        }
                    })}
            </p>
            <div class="chips-row">
                <TickerChips analysis=a.clone() selected=selected />
                <TopicTags topics=a.topics.clone() />
            </div>
            {(!a.ticker_sentiment.is_empty())
                .then(|| {
                    view! { <p class="muted small hint">"Select a ticker to outline its mentions in the text."</p> }
                })}
            <AnalysisPanels analysis=a.clone() />
            <section class="panel text-panel" aria-labelledby="h-article-text">
                <h2 id="h-article-text">"Article"</h2>
                <p class="muted small legend">
                    <span class="hl positive w3">"green"</span>
                    " raised the score, "
                    <span class="hl negative w3">"red"</span>
                    " lowered it; darker means heavier. Focus or hover a phrase to see its rule and weight."
                </p>
                <div class="article-text" data-testid="article-text">
                    <HighlightedText text=item.text.clone() field=Field::Body analysis=a.clone() selected=selected />
                </div>
            </section>
            <p class="how">
                <a href="/about" data-testid="how-scored">"How this was scored"</a>
            </p>
            <div class="article-actions" id="article-actions"><EmbedButton title=item.title.clone() text=item.text.clone() /></div>
        </article>
    }
}
