//! `/`: the news feed. Sample articles plus items of added feeds, every score computed by the
//! engine in the browser at load. Sort by impact or date; filter by ticker, topic, sentiment
//! and text; add a feed (JSON Feed, RSS or Atom) by URL.

use leptos::prelude::*;

use crate::components::badges::{FictionNotice, ImpactBadge, TickerChip};
use crate::store::{use_store, FeedStatus, NewsItem};
use crate::util;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Impact,
    Date,
}

fn sentiment_class(score: f32) -> &'static str {
    if score >= newsgauge_engine::NEUTRAL_BAND {
        "positive"
    } else if score <= -newsgauge_engine::NEUTRAL_BAND {
        "negative"
    } else {
        "neutral"
    }
}

/// Does `item` pass the filters?
fn keep(item: &NewsItem, ticker: &str, topic: &str, sentiment: &str, query: &str) -> bool {
    let a = &item.analysis;
    (ticker.is_empty() || a.ticker_sentiment.iter().any(|t| t.ticker == ticker))
        && (topic.is_empty() || a.topics.iter().any(|t| t.id == topic))
        && (sentiment.is_empty() || sentiment_class(a.sentiment.score) == sentiment)
        && (query.is_empty() || {
            let q = query.to_lowercase();
            item.title.to_lowercase().contains(&q)
                || item.source.to_lowercase().contains(&q)
                || util::prefix(&item.text, 50_000).to_lowercase().contains(&q)
        })
}

/// A filter's `<option>`s, (value, label) each, rebuilt whenever the list changes (a feed
/// added or removed): the one the filter holds is marked selected, or the rebuilt list would
/// show its first option while the filter still applies.
fn options(
    list: impl IntoIterator<Item = (String, String)>,
    current: ReadSignal<String>,
) -> impl IntoView {
    let current = current.get_untracked();
    list.into_iter()
        .map(|(value, label)| {
            let selected = value == current;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view()
}

#[component]
pub fn Feed() -> impl IntoView {
    let store = use_store();
    store.load();
    let (sort, set_sort) = signal(Sort::Impact);
    let (ticker, set_ticker) = signal(String::new());
    let (topic, set_topic) = signal(String::new());
    let (sentiment, set_sentiment) = signal(String::new());
    let (query, set_query) = signal(String::new());
    let items = Memo::new(move |_| store.all_items());
    let tickers = Memo::new(move |_| {
        let mut v: Vec<String> = items
            .read()
            .iter()
            .flat_map(|i| i.analysis.ticker_sentiment.iter().map(|t| t.ticker.clone()))
            .collect();
        newsgauge_engine::sort::sort(&mut v);
        v.dedup();
        v
    });
    let topics = Memo::new(move |_| {
        let mut v: Vec<(String, String)> = items
            .read()
            .iter()
            .flat_map(|i| {
                i.analysis
                    .topics
                    .iter()
                    .map(|t| (t.id.clone(), t.name.clone()))
            })
            .collect();
        newsgauge_engine::sort::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
        v.dedup();
        v
    });
    let shown = Memo::new(move |_| {
        let (tk, tp, se, q) = (ticker.get(), topic.get(), sentiment.get(), query.get());
        let q = q.trim().to_owned();
        let mut v: Vec<NewsItem> = items
            .get()
            .into_iter()
            .filter(|i| keep(i, &tk, &tp, &se, &q))
            .collect();
        match sort.get() {
            Sort::Impact => newsgauge_engine::sort::sort_by(&mut v, |a, b| {
                b.analysis.impact.score.total_cmp(&a.analysis.impact.score)
            }),
            Sort::Date => newsgauge_engine::sort::sort_by(&mut v, |a, b| {
                let (x, y) = (a.timestamp, b.timestamp);
                // Unknown dates last.
                y.is_finite()
                    .cmp(&x.is_finite())
                    .then(y.total_cmp(&x))
                    .then(b.date.cmp(&a.date))
            }),
        }
        v
    });
    let total = move || items.read().len();
    view! {
        <div class="feed-head">
            <h1>"Market news"</h1>
            <p class="muted">
                "Every score below is computed by the Newsgauge engine in your browser as the page loads. "
                "The built-in articles are samples written for this project: fictional events, not news."
            </p>
        </div>
        <form class="filters" role="search" aria-label="Filter the news" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>"Search"</span>
                <input
                    type="search"
                    placeholder="Title, source or text"
                    data-testid="search"
                    on:input=move |ev| set_query.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>"Sort by"</span>
                <select
                    data-testid="sort"
                    on:change=move |ev| set_sort.set(if event_target_value(&ev) == "date" { Sort::Date } else { Sort::Impact })
                >
                    <option value="impact">"Impact"</option>
                    <option value="date">"Date"</option>
                </select>
            </label>
            <label>
                <span>"Ticker"</span>
                <select data-testid="filter-ticker" on:change=move |ev| set_ticker.set(event_target_value(&ev))>
                    <option value="">"All tickers"</option>
                    {move || options(tickers.get().into_iter().map(|t| (t.clone(), t)), ticker)}
                </select>
            </label>
            <label>
                <span>"Topic"</span>
                <select data-testid="filter-topic" on:change=move |ev| set_topic.set(event_target_value(&ev))>
                    <option value="">"All topics"</option>
                    {move || options(topics.get(), topic)}
                </select>
            </label>
            <label>
                <span>"Sentiment"</span>
                <select data-testid="filter-sentiment" on:change=move |ev| set_sentiment.set(event_target_value(&ev))>
                    <option value="">"Any sentiment"</option>
                    <option value="positive">"Positive"</option>
                    <option value="neutral">"Neutral"</option>
                    <option value="negative">"Negative"</option>
                </select>
            </label>
        </form>
        {move || match store.samples.get() {
            None => view! { <p class="loading" role="status">"Loading articles…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Some(Ok(_)) => ().into_any(),
        }}
        <p class="muted small" role="status" data-testid="count">
            {move || format!("{} of {} articles", shown.read().len(), total())}
        </p>
        <ul class="feed" data-testid="feed">
            // Not a keyed `<For>`: the rows are rebuilt when the filters change. Leptos's keyed
            // list (its diff and index set, three instantiations here) was 9.9 KB of the
            // site's wasm (gzip); with the 14 samples a filter change still shows in the next
            // frame, as it did with the keyed list.
            {move || shown.get().into_iter().map(|item| view! { <NewsCard item=item /> }).collect_view()}
        </ul>
        {move || {
            (shown.read().is_empty() && store.samples.get().is_some())
                .then(|| view! { <p class="muted" data-testid="no-match">"No article matches these filters."</p> })
        }}
        <AddFeed />
    }
}

#[component]
fn NewsCard(item: NewsItem) -> impl IntoView {
    let a = item.analysis.clone();
    let href = format!("/article/{}", item.id);
    let chips = a
        .ticker_sentiment
        .iter()
        .take(6)
        .map(|t| view! { <li><TickerChip ticker=t.ticker.clone() score=t.score /></li> })
        .collect_view();
    let tags = a
        .topics
        .iter()
        .take(4)
        .map(|t| view! { <li class="tag">{t.name.clone()}</li> })
        .collect_view();
    let pol = sentiment_class(a.sentiment.score);
    view! {
        <li class="card" data-testid="card">
            <div class="card-top">
                <ImpactBadge score=a.impact.score level=a.impact.level.clone() compact=true />
                <span class=format!("sentiment-pill {pol}") data-testid="card-sentiment">
                    {a.sentiment.label.clone()}
                    " "
                    {util::signed(a.sentiment.score)}
                </span>
            </div>
            <h2 class="card-title">
                <a href=href>{item.title.clone()}</a>
            </h2>
            <p class="meta small">
                {item.source.clone()}
                " · "
                <time>{util::iso_day(item.timestamp, &item.date)}</time>
            </p>
            {item.fictional.then(|| view! { <FictionNotice /> })}
            {(!a.ticker_sentiment.is_empty()).then(|| view! { <ul class="chips" aria-label="Tickers">{chips}</ul> })}
            {(!a.topics.is_empty()).then(|| view! { <ul class="tags" aria-label="Topics">{tags}</ul> })}
        </li>
    }
}

/// "Add a feed": URL input, the list of added feeds with their status, retry and remove.
#[component]
fn AddFeed() -> impl IntoView {
    let store = use_store();
    let (url, set_url) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let u = url.get_untracked();
        match util::safe_link(&u) {
            None => set_error.set(Some(
                "Enter a web address starting with http:// or https://.".to_owned(),
            )),
            Some(u) => {
                set_error.set(None);
                set_url.set(String::new());
                store.add(u);
            }
        }
    };
    view! {
        <section class="panel add-feed" aria-labelledby="h-add-feed">
            <h2 id="h-add-feed">"Add a feed"</h2>
            <p class="muted small">
                "JSON Feed 1.1, RSS 2.0 or Atom. Your browser fetches it directly (there is no Newsgauge server), "
                "so the feed's site must allow it with a CORS header. Added feeds are remembered on this device."
            </p>
            <form class="add-feed-form" on:submit=submit>
                <label for="feed-url">"Feed URL"</label>
                <div class="row">
                    <input
                        id="feed-url"
                        type="url"
                        inputmode="url"
                        placeholder="https://example.com/feed.xml"
                        prop:value=url
                        on:input=move |ev| set_url.set(event_target_value(&ev))
                        data-testid="feed-url"
                    />
                    <button type="submit" data-testid="add-feed">"Add feed"</button>
                </div>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <ul class="feed-list" data-testid="feed-list">
                {move || {
                    store
                        .feeds
                        .get()
                        .into_iter()
                        .map(|f| view! { <FeedRow url=f.url status=f.status /> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn FeedRow(url: String, status: FeedStatus) -> impl IntoView {
    let store = use_store();
    let (u1, u2) = (url.clone(), url.clone());
    let body = match status {
        FeedStatus::Loading => view! { <span class="muted" role="status">"Loading…"</span> }.into_any(),
        FeedStatus::Loaded { title, items, skipped, not_shown } => {
            let mut parts = vec![format!("{} item{} analysed", items.len(), if items.len() == 1 { "" } else { "s" })];
            if skipped > 0 {
                parts.push(format!("{skipped} malformed item{} skipped", if skipped == 1 { "" } else { "s" }));
            }
            if not_shown > 0 {
                parts.push(format!("{not_shown} more not analysed (limit {})", crate::feeds::MAX_ITEMS));
            }
            view! {
                <span class="ok" data-testid="feed-ok">
                    {(!title.is_empty()).then(|| view! { <strong>{title}</strong> " — " })}
                    {parts.join(", ")}
                </span>
            }
                .into_any()
        }
        FeedStatus::Failed(e) => view! {
            <span class="error" role="alert" data-testid="feed-error">{e}</span>
            <button type="button" class="link-button" on:click=move |_| store.retry(u1.clone())>"Retry"</button>
        }
            .into_any(),
    };
    view! {
        <li class="feed-row">
            <span class="feed-url">{url.clone()}</span>
            {body}
            <button
                type="button"
                class="link-button"
                aria-label=format!("Remove feed {url}")
                on:click=move |_| store.remove(&u2)
            >
                "Remove"
            </button>
        </li>
    }
}
