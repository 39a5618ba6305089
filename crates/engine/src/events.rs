//! Market-relevant events: trigger phrases per event type, found sentence by sentence with
//! one pass over the word starts of each field (see [`crate::phrase`]).
//!
//! An event needs a trigger phrase and, for ambiguous triggers ("named", "recalled",
//! "upgraded"), a context phrase in the same sentence ("chief executive", "vehicles",
//! "analyst"). Its certainty starts at [`BASE_CERTAINTY`] and drops for hedged, reported or
//! denied language in the same sentence ("may have", "allegedly", "according to people
//! familiar", "denied"). Tickers are the companies mentioned in the same sentence.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::rules::Rule;
use crate::types::{Entity, Event, Field, Span, TickerSentiment};
use crate::Doc;

/// Certainty of a plainly stated event: news reports can still be wrong or revised.
pub const BASE_CERTAINTY: f32 = 0.95;
/// Certainty never drops below this: a hedged report is still a report.
pub const MIN_CERTAINTY: f32 = 0.15;
/// Intensity of a trigger that says the change is small ("trimmed its forecast").
const SMALL: f32 = 0.6;
/// Intensity of a trigger that says the change is large ("slashed its forecast").
const LARGE: f32 = 1.25;

/// Direction an event usually moves the company's shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    Negative,
    Neutral,
    Positive,
}

/// One event type: what it is, how severe, and the phrases that find it.
pub struct EventDef {
    /// Stable event type id (the `kind` of an [`Event`]).
    pub kind: &'static str,
    pub rule: &'static str,
    /// Typical market severity in [0, 1] for a central, large company (see docs/impact-model.md).
    pub severity: f32,
    pub polarity: Polarity,
    /// A noun phrase for prose ("an earnings miss").
    pub phrase: &'static str,
    /// What investors should watch after it.
    pub watch: &'static str,
    /// Trigger phrases with their intensity (1.0 = ordinary).
    pub triggers: &'static [(&'static str, f32)],
    /// When non-empty, one of these must be in the same sentence.
    pub context: &'static [&'static str],
    /// Events of one family in one sentence keep only the most severe (a beat supersedes a report).
    pub family: &'static str,
}

/// Event rules (one line a rule; the phrases live in [`EVENTS`]).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    Rule { id: "E001", name: "event-earnings-beat", description: "Results above estimates or expectations" },
    Rule { id: "E002", name: "event-earnings-miss", description: "Results below estimates, profit warnings" },
    Rule { id: "E003", name: "event-earnings-report", description: "Reported results without a stated surprise" },
    Rule { id: "E004", name: "event-guidance-raised", description: "Forecast, outlook or guidance raised" },
    Rule { id: "E005", name: "event-guidance-cut", description: "Forecast, outlook or guidance cut or withdrawn" },
    Rule { id: "E006", name: "event-merger-acquisition", description: "Merger, acquisition, takeover or tender offer" },
    Rule { id: "E007", name: "event-deal-terminated", description: "A deal called off, terminated or blocked" },
    Rule { id: "E008", name: "event-lawsuit", description: "A lawsuit or class action filed" },
    Rule { id: "E009", name: "event-regulatory-probe", description: "A regulator or prosecutor opens an investigation" },
    Rule { id: "E010", name: "event-regulatory-fine", description: "A fine or penalty imposed or agreed" },
    Rule { id: "E011", name: "event-allegation", description: "An accusation or allegation of wrongdoing" },
    Rule { id: "E012", name: "event-data-breach", description: "A data breach, hack, cyberattack or data misuse" },
    Rule { id: "E013", name: "event-product-launch", description: "A product launched or unveiled" },
    Rule { id: "E014", name: "event-recall", description: "A product recall" },
    Rule { id: "E015", name: "event-executive-departure", description: "An executive resigns, retires or is ousted" },
    Rule { id: "E016", name: "event-executive-appointment", description: "An executive appointed or named" },
    Rule { id: "E017", name: "event-layoffs", description: "Job cuts or layoffs" },
    Rule { id: "E018", name: "event-strike", description: "A strike or walkout" },
    Rule { id: "E019", name: "event-bankruptcy", description: "A bankruptcy or insolvency filing" },
    Rule { id: "E020", name: "event-dividend-raised", description: "A dividend raised or a special dividend" },
    Rule { id: "E021", name: "event-dividend-cut", description: "A dividend cut, suspended or omitted" },
    Rule { id: "E022", name: "event-buyback", description: "A share buyback or repurchase" },
    Rule { id: "E023", name: "event-analyst-upgrade", description: "An analyst upgrade or a raised price target" },
    Rule { id: "E024", name: "event-analyst-downgrade", description: "An analyst downgrade or a cut price target" },
    Rule { id: "E025", name: "event-ipo", description: "An initial public offering or listing" },
    Rule { id: "E026", name: "event-partnership", description: "A partnership, alliance or joint venture" },
    Rule { id: "E027", name: "event-sanctions-tariffs", description: "Sanctions, tariffs or export controls imposed" },
    Rule { id: "E028", name: "event-rate-hike", description: "A central bank raises interest rates" },
    Rule { id: "E029", name: "event-rate-cut", description: "A central bank cuts interest rates" },
    Rule { id: "E030", name: "event-rate-hold", description: "A central bank holds interest rates" },
    Rule { id: "E031", name: "event-facility-opening", description: "An office, store or plant opened" },
    Rule { id: "E032", name: "event-settlement", description: "A legal or regulatory settlement" },
    Rule { id: "E033", name: "event-stock-split", description: "A stock split" },
    Rule { id: "E034", name: "event-contract-win", description: "A contract won or awarded" },
];

/// Executive roles: context for departures and appointments.
const EXEC: &[&str] = &[
    "ceo",
    "chief executive",
    "chief financial officer",
    "cfo",
    "chief operating officer",
    "coo",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "founder",
    "executive",
    "head of",
    "chief technology officer",
    "cto",
    "managing director",
    "board",
];
/// Rating language: context for upgrades and downgrades.
const RATING: &[&str] = &[
    "analyst",
    "analysts",
    "rating",
    "buy",
    "sell",
    "hold",
    "neutral",
    "outperform",
    "underperform",
    "overweight",
    "underweight",
    "price target",
    "brokerage",
    "stock",
    "shares",
    "moody's",
    "fitch",
    "credit rating",
];
/// Central-bank language: context for rate decisions.
const CENTRAL_BANK: &[&str] = &[
    "central bank",
    "fed",
    "federal reserve",
    "fomc",
    "ecb",
    "european central bank",
    "bank of england",
    "bank of japan",
    "bundesbank",
    "reserve bank",
    "policymakers",
    "monetary policy",
    "rate-setting",
    "people's bank",
    "national bank",
    "swiss national bank",
];

/// Every event type with its phrases.
#[rustfmt::skip]
pub const EVENTS: &[EventDef] = &[
    EventDef { kind: "earnings_beat", rule: "E001", severity: 0.7, polarity: Polarity::Positive, phrase: "results above expectations",
        watch: "whether the beat holds in guidance and next quarter's estimates", family: "earnings", context: &[], triggers: &[
        ("beat estimates", 1.0), ("beat expectations", 1.0), ("beats estimates", 1.0), ("beats expectations", 1.0),
        ("topped estimates", 1.0), ("topped expectations", 1.0), ("exceeded expectations", 1.0), ("exceeded estimates", 1.0),
        ("above expectations", 1.0), ("above estimates", 1.0), ("better-than-expected", 1.0), ("better than expected", 1.0),
        ("beat analysts", 1.0), ("beat wall street", 1.0), ("record profit", 1.0), ("record quarterly", 1.0),
        ("blowout quarter", LARGE), ("smashed estimates", LARGE), ("crushed estimates", LARGE),
    ] },
    EventDef { kind: "earnings_miss", rule: "E002", severity: 0.8, polarity: Polarity::Negative, phrase: "results below expectations",
        watch: "estimate revisions and management's explanation of the shortfall", family: "earnings", context: &[], triggers: &[
        ("missed estimates", 1.0), ("missed expectations", 1.0), ("misses estimates", 1.0), ("misses expectations", 1.0),
        ("fell short of", 1.0), ("below expectations", 1.0), ("below estimates", 1.0), ("worse-than-expected", 1.0),
        ("worse than expected", 1.0), ("profit warning", 1.0), ("missed analysts", 1.0), ("missed wall street", 1.0),
        ("disappointing results", 1.0), ("earnings shock", LARGE), ("profit plunged", LARGE), ("profit collapsed", LARGE),
        ("swung to a loss", 1.0), ("warned on profit", 1.0), ("missed forecasts", 1.0),
    ] },
    EventDef { kind: "earnings_report", rule: "E003", severity: 0.45, polarity: Polarity::Neutral, phrase: "quarterly results",
        watch: "the next results and any change to guidance", family: "earnings", context: &[], triggers: &[
        ("reported quarterly", 1.0), ("reported net income", 1.0), ("reported a net loss", 1.0), ("reported a profit", 1.0),
        ("reported a loss", 1.0), ("posted a loss", 1.0), ("posted a profit", 1.0), ("quarterly results", 1.0),
        ("quarterly profit", 1.0), ("quarterly revenue", 1.0), ("quarterly earnings", 1.0), ("net income rose", 1.0),
        ("net income fell", 1.0), ("profit rose", 1.0), ("profit fell", 1.0), ("profits rose", 1.0), ("profits fell", 1.0),
        ("earnings rose", 1.0), ("earnings fell", 1.0), ("revenue rose", 1.0), ("revenue fell", 1.0), ("net profit", 1.0),
        ("net loss", 1.0), ("first-quarter results", 1.0), ("second-quarter results", 1.0), ("third-quarter results", 1.0),
        ("fourth-quarter results", 1.0), ("annual results", 1.0), ("full-year results", 1.0), ("earnings per share", 1.0),
    ] },
    EventDef { kind: "guidance_raised", rule: "E004", severity: 0.6, polarity: Polarity::Positive, phrase: "raised guidance",
        watch: "whether demand supports the higher targets", family: "guidance", context: &[], triggers: &[
        ("raised its forecast", 1.0), ("raises forecast", 1.0), ("raised its guidance", 1.0), ("raised guidance", 1.0),
        ("raises guidance", 1.0), ("raised its outlook", 1.0), ("raises outlook", 1.0), ("lifted its forecast", 1.0),
        ("lifted its outlook", 1.0), ("raised its full-year", 1.0), ("raised its annual", 1.0), ("upgraded its outlook", 1.0),
        ("boosted its forecast", 1.0), ("boosted its outlook", 1.0), ("nudged up its forecast", SMALL),
        ("slightly raised its forecast", SMALL), ("raised its profit forecast", 1.0), ("raised its sales forecast", 1.0),
    ] },
    EventDef { kind: "guidance_cut", rule: "E005", severity: 0.7, polarity: Polarity::Negative, phrase: "lowered guidance",
        watch: "further estimate cuts and the reasons management gives", family: "guidance", context: &[], triggers: &[
        ("cut its forecast", 1.0), ("cuts forecast", 1.0), ("lowered its forecast", 1.0), ("lowers forecast", 1.0),
        ("lowered guidance", 1.0), ("lowers guidance", 1.0), ("lowered its guidance", 1.0), ("cut its guidance", 1.0),
        ("cuts guidance", 1.0), ("lowered its outlook", 1.0), ("cut its outlook", 1.0), ("cut its full-year", 1.0),
        ("lowered its full-year", 1.0), ("withdrew its guidance", LARGE), ("withdrew its forecast", LARGE),
        ("pulled its guidance", LARGE), ("slashed its forecast", LARGE), ("slashed its outlook", LARGE),
        ("slashed its guidance", LARGE), ("trimmed its forecast", SMALL), ("trims its forecast", SMALL), ("trims its outlook", SMALL), ("trims outlook", SMALL),
        ("trims guidance", SMALL), ("trims its guidance", SMALL), ("trims forecast", SMALL),
        ("trimmed its outlook", SMALL), ("trimmed its guidance", SMALL), ("trimmed its full-year", SMALL),
        ("tweaked its forecast", SMALL), ("tweaked its guidance", SMALL), ("slightly lowered its forecast", SMALL),
        ("cut its profit forecast", 1.0), ("cut its sales forecast", 1.0),
    ] },
    EventDef { kind: "merger_acquisition", rule: "E006", severity: 0.75, polarity: Polarity::Neutral, phrase: "a merger or acquisition",
        watch: "regulatory approval, financing and the price paid", family: "deal", context: &[], triggers: &[
        ("agreed to acquire", 1.0), ("agreed to buy", 1.0), ("to acquire", 1.0), ("will acquire", 1.0), ("acquisition of", 1.0),
        ("merger with", 1.0), ("merge with", 1.0), ("to merge", 1.0), ("agreed to merge", 1.0), ("takeover bid", 1.0),
        ("takeover offer", 1.0), ("tender offer", 1.0), ("buyout", 1.0), ("deal to buy", 1.0), ("acquires", 1.0),
        ("acquired", 1.0), ("bid for", 1.0), ("hostile bid", LARGE), ("all-cash deal", 1.0), ("all-stock deal", 1.0),
    ] },
    EventDef { kind: "deal_terminated", rule: "E007", severity: 0.8, polarity: Polarity::Negative, phrase: "a terminated deal",
        watch: "break fees, alternative bidders and the strategy without the deal", family: "deal", context: &[], triggers: &[
        ("terminated the merger", 1.0), ("terminated its agreement", 1.0), ("terminate the merger", 1.0),
        ("terminated the deal", 1.0), ("called off", 1.0), ("abandoned the deal", 1.0), ("abandoned its bid", 1.0),
        ("scrapped the deal", 1.0), ("deal collapsed", 1.0), ("walked away from", 1.0), ("withdrew its offer", 1.0),
        ("withdrew its bid", 1.0), ("blocked the merger", 1.0), ("blocked the deal", 1.0), ("blocked the acquisition", 1.0),
    ] },
    EventDef { kind: "lawsuit_filed", rule: "E008", severity: 0.5, polarity: Polarity::Negative, phrase: "a lawsuit",
        watch: "the court schedule and any damages sought", family: "lawsuit", context: &[], triggers: &[
        ("filed a lawsuit", 1.0), ("filed suit", 1.0), ("sued", 1.0), ("sues", 1.0), ("class action", 1.0),
        ("class-action", 1.0), ("lawsuit against", 1.0), ("filed a complaint", 1.0), ("lawsuit", 1.0), ("lawsuits", 1.0),
    ] },
    EventDef { kind: "regulatory_probe", rule: "E009", severity: 0.55, polarity: Polarity::Negative, phrase: "a regulatory investigation",
        watch: "the scope of the investigation and any charges or fines", family: "probe", context: &[], triggers: &[
        ("opened an investigation", 1.0), ("launched an investigation", 1.0), ("launched a probe", 1.0),
        ("opened a probe", 1.0), ("under investigation", 1.0), ("is investigating", 1.0), ("are investigating", 1.0),
        ("subpoena*", 1.0), ("antitrust probe", 1.0), ("investigation into", 1.0), ("probe into", 1.0),
        ("investigating whether", 1.0), ("formal investigation", 1.0),
    ] },
    EventDef { kind: "regulatory_fine", rule: "E010", severity: 0.6, polarity: Polarity::Negative, phrase: "a regulatory fine",
        watch: "whether the penalty is appealed and what compliance changes follow", family: "fine", context: &[], triggers: &[
        ("fined", 1.0), ("was fined", 1.0), ("penalty of", 1.0), ("billion fine", LARGE), ("million fine", 1.0),
        ("civil penalty", 1.0), ("imposed a fine", 1.0), ("to pay a fine", 1.0), ("record fine", LARGE),
    ] },
    EventDef { kind: "allegation", rule: "E011", severity: 0.45, polarity: Polarity::Negative, phrase: "accusations of wrongdoing",
        watch: "whether the claims are substantiated and regulators respond", family: "allegation", context: &[], triggers: &[
        ("accused", 1.0), ("accuses", 1.0), ("accusations", 1.0), ("accusation", 1.0), ("allegations", 1.0),
        ("alleged", 1.0), ("allegedly", 1.0), ("alleges", 1.0), ("whistleblower", 1.0),
    ] },
    EventDef { kind: "data_breach", rule: "E012", severity: 0.6, polarity: Polarity::Negative, phrase: "a data breach or misuse of data",
        watch: "the number of affected users, regulatory action and security costs", family: "breach", context: &[], triggers: &[
        ("data breach", 1.0), ("data breaches", 1.0), ("cyberattack", 1.0), ("cyber attack", 1.0), ("cyber-attack", 1.0),
        ("hacked", 1.0), ("hackers", 1.0), ("ransomware", 1.0), ("security breach", 1.0), ("data leak", 1.0),
        ("data misuse", 1.0), ("misuse of data", 1.0), ("misused data", 1.0), ("misused user data", 1.0),
        ("unauthorized access", 1.0), ("misusing user data", 1.0), ("misusing customer data", 1.0), ("misusing data", 1.0), ("misused customer data", 1.0), ("misused personal data", 1.0),
        ("misuse of personal data", 1.0), ("misuse of user data", 1.0), ("misuse of customer data", 1.0),
    ] },
    EventDef { kind: "product_launch", rule: "E013", severity: 0.3, polarity: Polarity::Positive, phrase: "a product launch",
        watch: "early demand and reviews of the new product", family: "launch", context: &[], triggers: &[
        ("launched", 1.0), ("launches", 1.0), ("unveiled", 1.0), ("unveils", 1.0), ("rolls out", 1.0), ("rolled out", 1.0),
        ("new product", 1.0), ("debuted", 1.0), ("introduced a new", 1.0), ("introduces a new", 1.0), ("announced a new", 1.0),
        ("product launch", 1.0), ("went on sale", 1.0),
    ] },
    EventDef { kind: "recall", rule: "E014", severity: 0.55, polarity: Polarity::Negative, phrase: "a product recall",
        watch: "the cost of the recall and any injuries or regulatory follow-up", family: "recall",
        context: &["vehicles", "cars", "trucks", "products", "units", "models", "safety", "defect*", "fire", "faulty",
            "batches", "lots", "devices", "regulator", "airbag*", "brakes", "contaminat*"],
        triggers: &[("recall", 1.0), ("recalls", 1.0), ("recalled", 1.0), ("recalling", 1.0)] },
    EventDef { kind: "executive_departure", rule: "E015", severity: 0.5, polarity: Polarity::Negative, phrase: "an executive departure",
        watch: "succession plans and any strategy change", family: "exec", context: EXEC, triggers: &[
        ("resigned", 1.0), ("resigns", 1.0), ("resign", 1.0), ("resignation", 1.0), ("stepped down", 1.0), ("steps down", 1.0),
        ("step down", 1.0), ("stepping down", 1.0), ("ousted", LARGE), ("was fired", LARGE), ("departure", 1.0),
        ("will leave", 1.0), ("retire", SMALL), ("retires", SMALL), ("retiring", SMALL),
    ] },
    EventDef { kind: "executive_appointment", rule: "E016", severity: 0.35, polarity: Polarity::Neutral, phrase: "a leadership appointment",
        watch: "the new executive's first strategy statements", family: "exec_in", context: EXEC, triggers: &[
        ("appointed", 1.0), ("named", 1.0), ("appoints", 1.0), ("names", 1.0), ("hired", 1.0), ("tapped", 1.0),
        ("promoted", 1.0), ("successor", 1.0), ("will succeed", 1.0),
    ] },
    EventDef { kind: "layoffs", rule: "E017", severity: 0.5, polarity: Polarity::Negative, phrase: "job cuts",
        watch: "restructuring charges and whether cuts signal weaker demand", family: "layoffs", context: &[], triggers: &[
        ("layoff", 1.0), ("layoffs", 1.0), ("lay off", 1.0), ("laying off", 1.0), ("laid off", 1.0), ("job cuts", 1.0),
        ("cut jobs", 1.0), ("cutting jobs", 1.0), ("eliminate jobs", 1.0), ("eliminating jobs", 1.0), ("slash jobs", LARGE),
        ("reduce its workforce", 1.0), ("workforce reduction", 1.0), ("cut its workforce", 1.0), ("redundancies", 1.0),
        ("jobs cut", 1.0),
    ] },
    EventDef { kind: "strike", rule: "E018", severity: 0.45, polarity: Polarity::Negative, phrase: "a strike",
        watch: "how long the stoppage lasts and its cost to output", family: "strike", context: &[], triggers: &[
        ("went on strike", 1.0), ("go on strike", 1.0), ("on strike", 1.0), ("walkout", 1.0), ("walked out", 1.0),
        ("workers strike", 1.0), ("strike by", 1.0), ("called a strike", 1.0), ("industrial action", 1.0),
        ("strike at", 1.0), ("strikes at", 1.0),
    ] },
    EventDef { kind: "bankruptcy", rule: "E019", severity: 1.0, polarity: Polarity::Negative, phrase: "a bankruptcy filing",
        watch: "creditor recoveries, financing and what happens to the equity", family: "bankruptcy", context: &[], triggers: &[
        ("filed for bankruptcy", 1.0), ("files for bankruptcy", 1.0), ("file for bankruptcy", 1.0), ("bankruptcy protection", 1.0),
        ("chapter 11", 1.0), ("chapter 7", 1.0), ("insolvency proceedings", 1.0), ("declared bankruptcy", 1.0),
        ("went bankrupt", 1.0), ("into administration", 1.0), ("into receivership", 1.0), ("filed for insolvency", 1.0),
        ("bankruptcy filing", 1.0), ("declared insolvent", 1.0),
    ] },
    EventDef { kind: "dividend_raised", rule: "E020", severity: 0.4, polarity: Polarity::Positive, phrase: "a higher dividend",
        watch: "whether cash flow covers the higher payout", family: "dividend", context: &[], triggers: &[
        ("raised its dividend", 1.0), ("raises dividend", 1.0), ("raised its quarterly dividend", 1.0),
        ("raises quarterly dividend", 1.0), ("increased its dividend", 1.0), ("dividend increase", 1.0),
        ("hiked its dividend", 1.0), ("boosted its dividend", 1.0), ("special dividend", 1.0), ("higher dividend", 1.0),
        ("raised the dividend", 1.0), ("increased the dividend", 1.0),
    ] },
    EventDef { kind: "dividend_cut", rule: "E021", severity: 0.6, polarity: Polarity::Negative, phrase: "a dividend cut",
        watch: "balance-sheet stress and whether the payout is restored", family: "dividend", context: &[], triggers: &[
        ("cut its dividend", 1.0), ("cuts dividend", 1.0), ("suspended its dividend", LARGE), ("suspends dividend", LARGE),
        ("omitted its dividend", LARGE), ("omits dividend", LARGE), ("omit dividend", LARGE), ("slashed its dividend", LARGE),
        ("eliminated its dividend", LARGE), ("dividend cut", 1.0), ("scrapped its dividend", LARGE),
        ("lowered its dividend", 1.0), ("reduced its dividend", 1.0), ("suspend its dividend", LARGE), ("cut the dividend", 1.0),
    ] },
    EventDef { kind: "buyback", rule: "E022", severity: 0.4, polarity: Polarity::Positive, phrase: "a share buyback",
        watch: "the pace of repurchases and the balance sheet behind them", family: "buyback", context: &[], triggers: &[
        ("buyback", 1.0), ("buybacks", 1.0), ("share repurchase", 1.0), ("stock repurchase", 1.0), ("buy back", 1.0),
        ("repurchase up to", 1.0), ("repurchase program", 1.0), ("repurchase of up to", 1.0), ("share buy-back", 1.0),
    ] },
    EventDef { kind: "analyst_upgrade", rule: "E023", severity: 0.35, polarity: Polarity::Positive, phrase: "an analyst upgrade",
        watch: "whether other analysts follow and the thesis behind the upgrade", family: "rating", context: RATING, triggers: &[
        ("upgraded", 1.0), ("upgrades", 1.0), ("raised its price target", 1.0), ("raised the price target", 1.0),
        ("raises price target", 1.0), ("raised to buy", 1.0), ("to outperform", 1.0), ("to overweight", 1.0),
        ("raised its rating", 1.0), ("upgrade to", 1.0),
    ] },
    EventDef { kind: "analyst_downgrade", rule: "E024", severity: 0.4, polarity: Polarity::Negative, phrase: "an analyst downgrade",
        watch: "whether other analysts follow and the risks cited", family: "rating", context: RATING, triggers: &[
        ("downgraded", 1.0), ("downgrades", 1.0), ("cut its price target", 1.0), ("lowered its price target", 1.0),
        ("cuts price target", 1.0), ("lowered the price target", 1.0), ("to underweight", 1.0), ("to underperform", 1.0),
        ("cut to sell", 1.0), ("downgrade to", 1.0), ("lowered its rating", 1.0),
    ] },
    EventDef { kind: "ipo", rule: "E025", severity: 0.5, polarity: Polarity::Neutral, phrase: "an IPO",
        watch: "pricing against the range, first-day trading and the lock-up expiry", family: "ipo", context: &[], triggers: &[
        ("initial public offering", 1.0), ("ipo", 1.0), ("went public", 1.0), ("go public", 1.0), ("stock market debut", 1.0),
        ("market debut", 1.0), ("trading debut", 1.0), ("direct listing", 1.0), ("priced its ipo", 1.0),
        ("filed to go public", 1.0),
    ] },
    EventDef { kind: "partnership", rule: "E026", severity: 0.35, polarity: Polarity::Positive, phrase: "a partnership",
        watch: "the revenue the partnership actually brings", family: "partnership", context: &[], triggers: &[
        ("partnership with", 1.0), ("partnered with", 1.0), ("partners with", 1.0), ("strategic alliance", 1.0),
        ("joint venture", 1.0), ("teamed up with", 1.0), ("collaboration with", 1.0), ("signed a deal with", 1.0),
    ] },
    EventDef { kind: "sanctions_tariffs", rule: "E027", severity: 0.6, polarity: Polarity::Negative, phrase: "sanctions or tariffs",
        watch: "retaliation, supply-chain exposure and affected revenue", family: "sanctions", context: &[], triggers: &[
        ("imposed sanctions", 1.0), ("new sanctions", 1.0), ("sanctions on", 1.0), ("sanctions against", 1.0),
        ("tariffs on", 1.0), ("imposed tariffs", 1.0), ("import duties", 1.0), ("export ban", 1.0), ("export controls", 1.0),
        ("trade restrictions", 1.0), ("raised tariffs", 1.0), ("retaliatory tariffs", 1.0), ("blacklisted", 1.0),
        ("entity list", 1.0), ("anti-dumping duties", 1.0), ("tariff on", 1.0), ("tariffs of", 1.0),
    ] },
    EventDef { kind: "rate_hike", rule: "E028", severity: 0.7, polarity: Polarity::Negative, phrase: "a rate hike",
        watch: "the central bank's guidance on further moves and bond yields", family: "rates", context: CENTRAL_BANK, triggers: &[
        ("raised interest rates", 1.0), ("raises interest rates", 1.0), ("raised rates", 1.0), ("raises rates", 1.0),
        ("rate hike", 1.0), ("rate increase", 1.0), ("raised its benchmark", 1.0), ("raised the discount rate", 1.0),
        ("raised its discount rate", 1.0), ("hiked rates", 1.0), ("hiked interest rates", 1.0), ("tightened policy", 1.0),
        ("raised its key rate", 1.0), ("raised the key rate", 1.0),
    ] },
    EventDef { kind: "rate_cut", rule: "E029", severity: 0.7, polarity: Polarity::Positive, phrase: "a rate cut",
        watch: "the central bank's guidance on further cuts and the growth outlook", family: "rates", context: CENTRAL_BANK, triggers: &[
        ("cut interest rates", 1.0), ("cuts interest rates", 1.0), ("cut rates", 1.0), ("cuts rates", 1.0), ("rate cut", 1.0),
        ("lowered interest rates", 1.0), ("lowered rates", 1.0), ("cut its benchmark", 1.0), ("cut the discount rate", 1.0),
        ("cut its discount rate", 1.0), ("lowered its discount rate", 1.0), ("eased policy", 1.0), ("cut its key rate", 1.0),
        ("cut the key rate", 1.0), ("rate reduction", 1.0),
    ] },
    EventDef { kind: "rate_hold", rule: "E030", severity: 0.4, polarity: Polarity::Neutral, phrase: "rates on hold",
        watch: "the next policy meeting and inflation data", family: "rates", context: CENTRAL_BANK, triggers: &[
        ("held rates", 1.0), ("holds rates", 1.0), ("kept rates unchanged", 1.0), ("left rates unchanged", 1.0),
        ("held interest rates", 1.0), ("kept interest rates", 1.0), ("left interest rates", 1.0), ("rates on hold", 1.0),
        ("held its benchmark", 1.0), ("kept its benchmark", 1.0), ("left its benchmark", 1.0),
    ] },
    EventDef { kind: "facility_opening", rule: "E031", severity: 0.1, polarity: Polarity::Positive, phrase: "a new office or site",
        watch: "whether the expansion adds meaningful revenue", family: "opening", context: &[], triggers: &[
        ("opened a new office", 1.0), ("opens new office", 1.0), ("opened an office", 1.0), ("opens an office", 1.0),
        ("new office in", 1.0), ("opened a store", 1.0), ("opens a store", 1.0), ("new headquarters", 1.0),
        ("opened a new", 1.0), ("opens a new", 1.0), ("grand opening", 1.0), ("ribbon-cutting", 1.0), ("opened its first", 1.0),
        ("opens its first", 1.0), ("will open a new", 1.0),
    ] },
    EventDef { kind: "settlement", rule: "E032", severity: 0.4, polarity: Polarity::Neutral, phrase: "a settlement",
        watch: "the settlement's cost and whether it ends the matter", family: "settlement", context: &[], triggers: &[
        ("agreed to settle", 1.0), ("settled the lawsuit", 1.0), ("settlement with", 1.0), ("reached a settlement", 1.0),
        ("settled charges", 1.0), ("settles charges", 1.0), ("settles lawsuit", 1.0), ("to settle claims", 1.0),
    ] },
    EventDef { kind: "stock_split", rule: "E033", severity: 0.25, polarity: Polarity::Positive, phrase: "a stock split",
        watch: "the split date and any change in the dividend per share", family: "split", context: &[], triggers: &[
        ("stock split", 1.0), ("split its stock", 1.0), ("two-for-one split", 1.0), ("three-for-two split", 1.0),
        ("for-one stock split", 1.0), ("share split", 1.0),
    ] },
    EventDef { kind: "contract_win", rule: "E034", severity: 0.35, polarity: Polarity::Positive, phrase: "a contract win",
        watch: "the contract's size relative to revenue and its margins", family: "contract", context: &[], triggers: &[
        ("won a contract", 1.0), ("awarded a contract", 1.0), ("wins contract", 1.0), ("secured a contract", 1.0),
        ("billion contract", 1.0), ("million contract", 1.0), ("won a deal", 1.0), ("contract worth", 1.0),
    ] },
];

/// Hedged, reported, speculative or denied language with the certainty factor it applies.
#[rustfmt::skip]
const HEDGES: &[(&str, f32)] = &[
    ("may have", 0.5), ("might have", 0.5), ("could have", 0.5), ("allegedly", 0.5), ("alleged", 0.6),
    ("reportedly", 0.55), ("according to people familiar", 0.5), ("people familiar with", 0.5),
    ("according to sources", 0.5), ("sources said", 0.55), ("sources say", 0.55), ("rumor*", 0.45), ("rumour*", 0.45),
    ("unconfirmed", 0.45), ("is said to", 0.55), ("are said to", 0.55), ("speculation", 0.5), ("could", 0.7),
    ("may be", 0.65), ("may not", 0.5), ("may", 0.65), ("might", 0.65), ("considering", 0.6), ("weighing", 0.6), ("exploring", 0.6), ("in talks", 0.6),
    ("in early talks", 0.5), ("plans to", 0.8), ("expected to", 0.75), ("is expected to", 0.75), ("would", 0.8),
    ("potential", 0.75), ("possible", 0.7), ("proposed", 0.8), ("denied", 0.35), ("denies", 0.35), ("no plans to", 0.3),
    ("has no plans", 0.3), ("ruled out", 0.3), ("did not", 0.4), ("will not", 0.4), ("won't", 0.4), ("claims", 0.7),
    ("accused", 0.75), ("accuses", 0.75), ("accusations", 0.75), ("allegations", 0.65), ("alleges", 0.65),
    ("if confirmed", 0.5), ("seen as likely", 0.7), ("believed to", 0.65), ("suspected", 0.6),
];

#[derive(Debug, Clone, Copy)]
enum Role {
    Trigger { event: usize, intensity: f32 },
    Context { event: usize },
    Hedge(f32),
}

struct Tables {
    /// Every trigger, context and hedge phrase once, with its layer (see
    /// [`crate::phrase_tables`], which looks them up together with the topic phrases).
    patterns: Vec<(&'static str, usize)>,
    roles: Vec<Vec<Role>>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        // Pattern ids in first-seen order; the map only finds a repeated phrase (no
        // quadratic search at the first analysis).
        let mut id_of: FxHashMap<&'static str, usize> = FxHashMap::default();
        let mut add = |p: &'static str, r: Role| match id_of.get(p) {
            Some(&i) => roles[i].push(r),
            None => {
                id_of.insert(p, patterns.len());
                patterns.push(p);
                roles.push(vec![r]);
            }
        };
        for (ei, e) in EVENTS.iter().enumerate() {
            for &(p, intensity) in e.triggers {
                add(
                    p,
                    Role::Trigger {
                        event: ei,
                        intensity,
                    },
                );
            }
            for &p in e.context {
                add(p, Role::Context { event: ei });
            }
        }
        for &(p, f) in HEDGES {
            add(p, Role::Hedge(f));
        }
        // Triggers and context share layer 0; pure hedges sit in layer 1 so that a hedge
        // ("plans to") never hides an overlapping trigger ("to acquire").
        let patterns = patterns
            .iter()
            .zip(&roles)
            .map(|(p, r)| {
                let hedge_only = r.iter().all(|x| matches!(x, Role::Hedge(_)));
                (*p, usize::from(hedge_only))
            })
            .collect();
        Tables { patterns, roles }
    })
}

/// The event phrases with their layers (0: triggers and context, 1: hedges), by pattern id.
pub(crate) fn patterns() -> &'static [(&'static str, usize)] {
    &tables().patterns
}

/// An event as the rest of the engine sees it: the public [`Event`] plus what the impact
/// model and the prose need.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub event: Event,
    /// Index into [`EVENTS`].
    pub def: usize,
    /// Trigger intensity (small change < 1 < large change).
    pub intensity: f32,
    /// Byte range of the whole sentence in `event.span.field`.
    pub sentence: (usize, usize),
}

impl Detected {
    pub fn def(&self) -> &'static EventDef {
        &EVENTS[self.def]
    }
}

/// The definition of an event kind.
pub fn def(kind: &str) -> Option<&'static EventDef> {
    EVENTS.iter().find(|e| e.kind == kind)
}

/// Find the events of an article, in text order (title first). `tickers` and `entities`
/// come from ticker resolution and give each event the companies in its sentence.
pub fn detect(doc: &Doc<'_>, tickers: &[TickerSentiment], entities: &[Entity]) -> Vec<Detected> {
    let t = tables();
    let mut out = Vec::new();
    for field in [Field::Title, Field::Body] {
        let text = doc.field_text(field);
        if text.is_empty() {
            continue;
        }
        let mentions = MentionIndex::new(field, tickers, entities);
        let hits = &doc.phrase_hits(field).events;
        let mut hi = 0;
        for s in doc.sentences.iter().filter(|s| s.field == field) {
            while hi < hits.len() && hits[hi].start < s.start {
                hi += 1;
            }
            let mut hj = hi;
            while hj < hits.len() && hits[hj].end <= s.end {
                hj += 1;
            }
            let in_sentence = &hits[hi..hj];
            hi = hj;
            if in_sentence.is_empty() {
                continue;
            }
            let mut certainty = BASE_CERTAINTY;
            let mut has_context = vec![false; EVENTS.len()];
            for h in in_sentence {
                for r in &t.roles[h.pattern] {
                    match *r {
                        // "May" capitalised mid-sentence is the month, not a hedge.
                        Role::Hedge(_) if &text[h.start..h.end] == "May" && h.start > s.start => {}
                        Role::Hedge(f) => certainty *= f,
                        Role::Context { event } => has_context[event] = true,
                        Role::Trigger { .. } => {}
                    }
                }
            }
            let certainty = certainty.max(MIN_CERTAINTY);
            let sentence_tickers = mentions.tickers_in(s.start, s.end);
            let mut found: Vec<Detected> = Vec::new();
            for h in in_sentence {
                for r in &t.roles[h.pattern] {
                    let Role::Trigger { event, intensity } = *r else {
                        continue;
                    };
                    let d = &EVENTS[event];
                    if !d.context.is_empty() && !has_context[event] {
                        continue;
                    }
                    if found.iter().any(|f| f.def == event) {
                        continue;
                    }
                    found.push(Detected {
                        event: Event {
                            kind: d.kind.to_owned(),
                            span: Span {
                                start: h.start,
                                end: h.end,
                                field,
                            },
                            certainty: round3(certainty),
                            tickers: event_tickers(d.kind, h.start, &sentence_tickers, || {
                                mentions.tickers_in(s.start, h.start)
                            }),
                            rule: d.rule.into(),
                        },
                        def: event,
                        intensity,
                        sentence: (s.start, s.end),
                    });
                }
            }
            // One family, one event per sentence: the most severe reading wins.
            let keep: Vec<bool> = found
                .iter()
                .map(|f| {
                    !found.iter().any(|g| {
                        g.def != f.def
                            && g.def().family == f.def().family
                            && (g.def().severity > f.def().severity
                                || (g.def().severity == f.def().severity && g.def < f.def))
                    })
                })
                .collect();
            out.extend(
                found
                    .into_iter()
                    .zip(keep)
                    .filter(|(_, k)| *k)
                    .map(|(f, _)| f),
            );
        }
    }
    out
}

/// Events a company does itself (reports, cuts, launches): when the sentence names several
/// companies, the ones named before the trigger are its subject ("Nvidia reported revenue
/// ... from customers such as Microsoft"). Other events (deals, ratings, lawsuits,
/// accusations) concern every company in the sentence.
const SUBJECT_KINDS: &[&str] = &[
    "earnings_beat",
    "earnings_miss",
    "earnings_report",
    "guidance_raised",
    "guidance_cut",
    "product_launch",
    "recall",
    "layoffs",
    "bankruptcy",
    "dividend_raised",
    "dividend_cut",
    "buyback",
    "ipo",
    "facility_opening",
    "stock_split",
    "contract_win",
    "executive_departure",
    "executive_appointment",
];

fn event_tickers<'a>(
    kind: &str,
    _trigger: usize,
    sentence: &[&'a str],
    before: impl FnOnce() -> Vec<&'a str>,
) -> Vec<String> {
    if sentence.len() > 1 && SUBJECT_KINDS.contains(&kind) {
        let subject = before();
        if !subject.is_empty() {
            return subject.into_iter().map(str::to_owned).collect();
        }
    }
    sentence.iter().map(|&t| t.to_owned()).collect()
}

/// Every company mention of one field, sorted by start, with the tickers it stands for:
/// built once per field so each sentence looks up its companies by binary search.
struct MentionIndex<'a> {
    /// (start, end, index into `symbols`).
    spans: Vec<(usize, usize, usize)>,
    symbols: Vec<&'a [String]>,
}

impl<'a> MentionIndex<'a> {
    fn new(field: Field, tickers: &'a [TickerSentiment], entities: &'a [Entity]) -> Self {
        let mut spans = Vec::new();
        let mut symbols: Vec<&'a [String]> = Vec::new();
        for t in tickers {
            symbols.push(std::slice::from_ref(&t.ticker));
            let i = symbols.len() - 1;
            spans.extend(
                t.mentions
                    .iter()
                    .filter(|m| m.field == field)
                    .map(|m| (m.start, m.end, i)),
            );
        }
        for e in entities.iter().filter(|e| !e.tickers.is_empty()) {
            symbols.push(&e.tickers);
            let i = symbols.len() - 1;
            spans.extend(
                e.mentions
                    .iter()
                    .filter(|m| m.field == field)
                    .map(|m| (m.start, m.end, i)),
            );
        }
        crate::sort::sort(&mut spans);
        MentionIndex { spans, symbols }
    }

    /// Tickers with a mention inside `start..end`, sorted and deduplicated (borrowed: most
    /// sentences name no event, and copying their tickers was a sixth of an article's
    /// allocations).
    fn tickers_in(&self, start: usize, end: usize) -> Vec<&'a str> {
        let lo = self.spans.partition_point(|m| m.0 < start);
        let hi = self.spans.partition_point(|m| m.0 < end);
        let mut v: Vec<&'a str> = self.spans[lo..hi]
            .iter()
            .filter(|m| m.1 <= end)
            .flat_map(|m| self.symbols[m.2].iter().map(String::as_str))
            .collect();
        crate::sort::sort(&mut v);
        v.dedup();
        v
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let doc = Doc::new("", text);
        detect(&doc, &[], &[])
            .into_iter()
            .map(|d| d.event.kind)
            .collect()
    }

    fn certainty(text: &str, kind: &str) -> f32 {
        let doc = Doc::new("", text);
        detect(&doc, &[], &[])
            .into_iter()
            .find(|d| d.event.kind == kind)
            .map_or(0.0, |d| d.event.certainty)
    }

    #[test]
    fn table_is_consistent() {
        assert!(EVENTS.len() >= 20);
        assert_eq!(EVENTS.len(), RULES.len());
        for (e, r) in EVENTS.iter().zip(RULES) {
            assert_eq!(e.rule, r.id, "{}", e.kind);
            assert!(e.severity > 0.0 && e.severity <= 1.0);
            for (p, _) in e.triggers {
                assert_eq!(p.to_ascii_lowercase(), *p);
            }
        }
        let mut ks: Vec<&str> = EVENTS.iter().map(|e| e.kind).collect();
        ks.sort_unstable();
        ks.dedup();
        assert_eq!(ks.len(), EVENTS.len());
    }

    /// (kind, positive example, negative example with a similar surface).
    const EXAMPLES: &[(&str, &str, &str)] = &[
        (
            "earnings_beat",
            "Acme's quarterly profit beat estimates.",
            "The drummer beat the drum.",
        ),
        (
            "earnings_miss",
            "Acme missed estimates for the third quarter.",
            "She missed the bus.",
        ),
        (
            "earnings_report",
            "Acme reported quarterly revenue of $3 billion.",
            "Acme reported to the police.",
        ),
        (
            "guidance_raised",
            "Acme raised its forecast for the year.",
            "Acme raised its flag.",
        ),
        (
            "guidance_cut",
            "Acme cut its forecast for annual sales.",
            "Acme cut its ribbon.",
        ),
        (
            "merger_acquisition",
            "Acme agreed to acquire Widget Co for $2 billion.",
            "She gained a taste for jazz.",
        ),
        (
            "deal_terminated",
            "Acme called off its merger with Widget.",
            "The game was called early.",
        ),
        (
            "lawsuit_filed",
            "Shareholders filed a lawsuit against Acme.",
            "The suit fitted him well.",
        ),
        (
            "regulatory_probe",
            "The SEC opened an investigation into Acme's accounting.",
            "The detective novel was fun.",
        ),
        (
            "regulatory_fine",
            "Acme was fined $10 million by regulators.",
            "The weather was fine.",
        ),
        (
            "allegation",
            "Critics accused Acme of misleading customers.",
            "Critics praised Acme's film.",
        ),
        (
            "data_breach",
            "Hackers stole customer records in a data breach at Acme.",
            "The dam held.",
        ),
        (
            "product_launch",
            "Acme unveiled a new smartphone on Tuesday.",
            "Acme staff had lunch.",
        ),
        (
            "recall",
            "Acme will recall 50,000 vehicles over faulty brakes.",
            "She could not recall his name.",
        ),
        (
            "executive_departure",
            "Acme's chief executive resigned on Monday.",
            "The volunteer resigned from the choir.",
        ),
        (
            "executive_appointment",
            "Acme appointed Jane Doe as chief financial officer.",
            "The dog was named Rex.",
        ),
        (
            "layoffs",
            "Acme announced layoffs of 2,000 workers.",
            "Acme hired interns.",
        ),
        (
            "strike",
            "Dock workers went on strike at the port.",
            "The batter took a strike.",
        ),
        (
            "bankruptcy",
            "Acme filed for bankruptcy protection.",
            "The poet's ideas were bankrupt of charm.",
        ),
        (
            "dividend_raised",
            "Acme raised its dividend by 10%.",
            "Acme raised its hand.",
        ),
        (
            "dividend_cut",
            "Acme cut its dividend to conserve cash.",
            "Acme cut its grass.",
        ),
        (
            "buyback",
            "Acme approved a $5 billion share repurchase.",
            "Acme approved a picnic.",
        ),
        (
            "analyst_upgrade",
            "Analysts upgraded Acme's stock to buy.",
            "Acme upgraded its office chairs.",
        ),
        (
            "analyst_downgrade",
            "Morgan Stanley downgraded Acme shares to underweight.",
            "The storm was downgraded.",
        ),
        (
            "ipo",
            "Acme raised $1 billion in its initial public offering.",
            "Acme held a public meeting.",
        ),
        (
            "partnership",
            "Acme formed a partnership with Widget Co.",
            "Acme's party was fun.",
        ),
        (
            "sanctions_tariffs",
            "Washington imposed tariffs on imported steel.",
            "Washington imposed a curfew at camp.",
        ),
        (
            "rate_hike",
            "The Federal Reserve raised interest rates by a quarter point.",
            "The landlord raised rents.",
        ),
        (
            "rate_cut",
            "The central bank cut interest rates to 2%.",
            "The barber cut hair.",
        ),
        (
            "rate_hold",
            "The Federal Reserve held rates steady.",
            "The rope held.",
        ),
        (
            "facility_opening",
            "Acme opened a new office in Austin.",
            "Acme opened the window.",
        ),
        (
            "settlement",
            "Acme agreed to settle the claims for $20 million.",
            "The dust began to settle.",
        ),
        (
            "stock_split",
            "Acme announced a two-for-one stock split.",
            "The couple split the bill.",
        ),
        (
            "contract_win",
            "Acme won a contract to supply the army.",
            "Acme won a raffle.",
        ),
    ];

    #[test]
    fn every_event_has_a_positive_and_a_negative_example() {
        assert_eq!(EXAMPLES.len(), EVENTS.len());
        for (kind, pos, neg) in EXAMPLES {
            assert!(def(kind).is_some(), "unknown kind {kind}");
            assert!(
                kinds(pos).iter().any(|k| k == kind),
                "{kind} missed: {pos} -> {:?}",
                kinds(pos)
            );
            assert!(
                !kinds(neg).iter().any(|k| k == kind),
                "{kind} false positive: {neg} -> {:?}",
                kinds(neg)
            );
        }
    }

    #[test]
    fn hedged_and_reported_language_lowers_certainty() {
        let plain = certainty("Acme filed for bankruptcy protection.", "bankruptcy");
        let hedged = certainty(
            "Acme may have filed for bankruptcy protection.",
            "bankruptcy",
        );
        let reported = certainty(
            "Acme is preparing to file for bankruptcy, according to people familiar with the matter.",
            "bankruptcy",
        );
        let denied = certainty(
            "Acme denied it filed for bankruptcy protection.",
            "bankruptcy",
        );
        let may = certainty("Acme may file for bankruptcy protection.", "bankruptcy");
        assert!(
            kinds("Acme plans to acquire Widget Co.").contains(&"merger_acquisition".to_owned())
        );
        let month = certainty("Acme filed for bankruptcy protection in May.", "bankruptcy");
        assert!(
            may < plain,
            "a hedge before the trigger must not hide it: {may}"
        );
        assert!(
            (month - plain).abs() < 1e-6,
            "the month is not a hedge: {month}"
        );
        assert!((plain - BASE_CERTAINTY).abs() < 1e-6);
        assert!(
            hedged < plain && reported < plain && denied < plain,
            "{plain} {hedged} {reported} {denied}"
        );
        let alleged = certainty("Acme allegedly misused data, critics said.", "data_breach");
        assert!(alleged < plain && alleged >= MIN_CERTAINTY);
    }

    #[test]
    fn spans_point_at_the_trigger_in_the_original_text() {
        let title = "Ünited Co to CUT ITS DIVIDEND";
        let body = "Ünited Co. said on Monday its chief executive stepped down.";
        let doc = Doc::new(title, body);
        let ev = detect(&doc, &[], &[]);
        let cut = ev
            .iter()
            .find(|d| d.event.kind == "dividend_cut")
            .expect("title event");
        assert_eq!(cut.event.span.field, Field::Title);
        assert_eq!(
            &title[cut.event.span.start..cut.event.span.end],
            "CUT ITS DIVIDEND"
        );
        let dep = ev
            .iter()
            .find(|d| d.event.kind == "executive_departure")
            .expect("body event");
        assert_eq!(
            &body[dep.event.span.start..dep.event.span.end],
            "stepped down"
        );
    }

    #[test]
    fn a_surprise_supersedes_the_plain_report_in_one_sentence() {
        let k = kinds("Acme's quarterly profit beat estimates as revenue rose.");
        assert!(k.contains(&"earnings_beat".to_owned()));
        assert!(!k.contains(&"earnings_report".to_owned()), "{k:?}");
    }

    #[test]
    fn a_company_action_belongs_to_the_companies_named_before_the_trigger() {
        let body = "Nvidia reported quarterly revenue from customers such as Microsoft. Goldman downgraded Nvidia shares.";
        let doc = Doc::new("", body);
        let mk = |t: &str, s: usize| TickerSentiment {
            ticker: t.to_owned(),
            name: t.to_owned(),
            exchange: "NASDAQ".to_owned(),
            score: 0.0,
            label: "neutral".to_owned(),
            relevance_score: 0.5,
            mentions: vec![Span::body(s, s + t.len())],
            explanations: vec![],
        };
        let ms = body.find("Microsoft").unwrap();
        let gs = body.find("Goldman").unwrap();
        let nv2 = body.rfind("Nvidia").unwrap();
        let mut nvda = mk("Nvidia", 0);
        nvda.mentions.push(Span::body(nv2, nv2 + 6));
        let tickers = vec![nvda, mk("Microsoft", ms), mk("Goldman", gs)];
        let ev = detect(&doc, &tickers, &[]);
        let report = ev
            .iter()
            .find(|d| d.event.kind == "earnings_report")
            .unwrap();
        assert_eq!(report.event.tickers, vec!["Nvidia".to_owned()]);
        let down = ev
            .iter()
            .find(|d| d.event.kind == "analyst_downgrade")
            .unwrap();
        assert_eq!(
            down.event.tickers,
            vec!["Goldman".to_owned(), "Nvidia".to_owned()]
        );
    }

    #[test]
    fn tickers_come_from_mentions_in_the_same_sentence() {
        let body = "Acme filed for bankruptcy. Widget Co rose.";
        let doc = Doc::new("", body);
        let mk = |t: &str, s: usize, e: usize| TickerSentiment {
            ticker: t.to_owned(),
            name: t.to_owned(),
            exchange: "NYSE".to_owned(),
            score: 0.0,
            label: "neutral".to_owned(),
            relevance_score: 0.5,
            mentions: vec![Span::body(s, e)],
            explanations: vec![],
        };
        let tickers = vec![mk("ACME", 0, 4), mk("WDGT", 27, 33)];
        let ev = detect(&doc, &tickers, &[]);
        assert_eq!(ev[0].event.tickers, vec!["ACME".to_owned()]);
    }
}
