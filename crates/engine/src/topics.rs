//! Topic classification: multi-label, from weighted phrases (never a single weak keyword).
//!
//! Every topic has a table of phrases with weights. One pass per field finds
//! them (see [`crate::phrase`]); a hit in the title (or, without one, the lead sentence)
//! counts [`TITLE_WEIGHT`] times a body hit, repeats of one phrase add less and less, body
//! evidence of long articles is scaled down (passing mentions pile up), and a topic is
//! reported only when its evidence reaches [`MIN_EVIDENCE`] (a strong phrase with support,
//! or several medium ones) and is not dwarfed by the article's main topic
//! ([`RELATIVE_FLOOR`]). Relevance is the evidence squashed into (0, 1]. The phrase lists
//! are hand-written; the Reuters-21578 training split was only used to check them (see
//! README, "Topics, events and impact").

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::rules::Rule;
use crate::types::{Field, Topic};
use crate::Doc;

/// Strong phrase: enough on its own ("initial public offering").
const S: f32 = 1.0;
/// Medium phrase: two of them make a topic ("dividend" and "payout").
const M: f32 = 0.6;
/// Weak phrase: context only, a topic needs several ("shares").
const W: f32 = 0.3;

/// A title hit counts this many body hits: headlines state what an article is about.
pub const TITLE_WEIGHT: f32 = 2.0;
/// Evidence a body-only topic needs: a strong phrase with support, or several medium ones.
pub const MIN_EVIDENCE: f32 = 1.5;
/// A topic named in the headline (title evidence at least [`HEADLINE_MIN_TITLE`]) needs
/// only this much evidence in all: one strong phrase, or a medium one with support
/// (a lone medium headline word, 2 × 0.6, stays below it).
pub const HEADLINE_MIN_EVIDENCE: f32 = 1.3;
/// Title evidence that makes a topic a headline topic: one medium phrase.
pub const HEADLINE_MIN_TITLE: f32 = 0.6;
/// A topic with less than this share of the top topic's evidence is a side mention.
pub const RELATIVE_FLOOR: f32 = 0.6;
/// Each further hit of the same phrase adds this fraction of its weight (diminishing).
const REPEAT_FACTOR: f32 = 0.5;
/// At most this many repeats of one phrase count.
const MAX_REPEATS: usize = 3;
/// Evidence at which relevance reaches 1 - 1/e (≈0.63): scale of the squashing curve.
const RELEVANCE_SCALE: f32 = 3.0;

/// One topic: stable id, display name, rule id and its weighted phrases.
pub struct TopicDef {
    pub id: &'static str,
    pub name: &'static str,
    pub rule: &'static str,
    pub phrases: &'static [(&'static str, f32)],
}

/// Topic rules (one line a rule; the phrases live in [`TOPICS`]).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    Rule { id: "T001", name: "topic-artificial-intelligence", description: "Phrases about AI models, machine learning and chatbots" },
    Rule { id: "T002", name: "topic-technology", description: "Phrases about software, cloud, devices and tech companies" },
    Rule { id: "T003", name: "topic-intellectual-property", description: "Phrases about patents, copyright and licensing" },
    Rule { id: "T004", name: "topic-antitrust-competition", description: "Phrases about antitrust, monopolies and competition authorities" },
    Rule { id: "T005", name: "topic-earnings", description: "Phrases about quarterly results, profit, revenue and EPS" },
    Rule { id: "T006", name: "topic-mergers-acquisitions", description: "Phrases about mergers, takeovers, stakes and tender offers" },
    Rule { id: "T007", name: "topic-ipo", description: "Phrases about initial public offerings and listings" },
    Rule { id: "T008", name: "topic-monetary-policy", description: "Phrases about central banks and interest rates" },
    Rule { id: "T009", name: "topic-fiscal-policy", description: "Phrases about budgets, deficits and taxes" },
    Rule { id: "T010", name: "topic-macroeconomy", description: "Phrases about GDP, inflation, growth and recession" },
    Rule { id: "T011", name: "topic-currencies", description: "Phrases about currencies, exchange rates and money markets" },
    Rule { id: "T012", name: "topic-energy", description: "Phrases about oil, gas, OPEC, refining and power" },
    Rule { id: "T013", name: "topic-commodities", description: "Phrases about grains, softs, metals and farm supply" },
    Rule { id: "T014", name: "topic-trade", description: "Phrases about tariffs, trade balances and trade talks" },
    Rule { id: "T015", name: "topic-regulation-legal", description: "Phrases about lawsuits, regulators, probes and fines" },
    Rule { id: "T016", name: "topic-cybersecurity", description: "Phrases about breaches, hacks, ransomware and data privacy" },
    Rule { id: "T017", name: "topic-crypto", description: "Phrases about bitcoin, crypto assets and blockchains" },
    Rule { id: "T018", name: "topic-semiconductors", description: "Phrases about chips, chipmakers and foundries" },
    Rule { id: "T019", name: "topic-healthcare", description: "Phrases about drugs, trials, regulators of medicine and hospitals" },
    Rule { id: "T020", name: "topic-real-estate", description: "Phrases about housing, mortgages and property" },
    Rule { id: "T021", name: "topic-retail-consumer", description: "Phrases about retailers, shoppers and consumer spending" },
    Rule { id: "T022", name: "topic-transportation", description: "Phrases about shipping, airlines, autos and freight" },
    Rule { id: "T023", name: "topic-banking-finance", description: "Phrases about banks, lenders, loans and insurers" },
    Rule { id: "T024", name: "topic-labor", description: "Phrases about jobs, layoffs, unions, strikes and wages" },
    Rule { id: "T025", name: "topic-management", description: "Phrases about executives, boards and governance" },
    Rule { id: "T026", name: "topic-capital-returns", description: "Phrases about dividends, buybacks and splits" },
    Rule { id: "T027", name: "topic-analyst-ratings", description: "Phrases about upgrades, downgrades and price targets" },
    Rule { id: "T028", name: "topic-geopolitics", description: "Phrases about sanctions, wars, diplomacy and elections" },
    Rule { id: "T029", name: "topic-esg-climate", description: "Phrases about climate, emissions and sustainability" },
    Rule { id: "T030", name: "topic-bankruptcy", description: "Phrases about bankruptcy, insolvency and restructuring" },
    Rule { id: "T031", name: "topic-markets", description: "Phrases about stock, bond and index markets" },
];

/// Every topic with its phrases. Order is the tie-break order of equal relevance.
#[rustfmt::skip]
pub const TOPICS: &[TopicDef] = &[
    TopicDef { id: "artificial_intelligence", name: "Artificial Intelligence", rule: "T001", phrases: &[
        ("artificial intelligence", S), ("machine learning", S), ("generative ai", S),
        ("large language model*", S), ("chatgpt", S), ("ai model*", S), ("ai chip*", M), ("ai-powered", S),
        ("ai startup*", S), ("openai", M), ("chatbot*", M), ("neural network*", M), ("deep learning", M),
        ("llm*", M), ("ai", M), ("copilot", W), ("gpt", M), ("training data", M), ("ai assistant*", S),
        ("ai spending", S), ("ai boom", S), ("gemini", W),
    ] },
    TopicDef { id: "technology", name: "Technology & Innovation", rule: "T002", phrases: &[
        ("technology", M), ("technologies", M), ("tech", M), ("software", M), ("cloud computing", S),
        ("cloud", W), ("smartphone*", M), ("iphone*", M), ("app store", M), ("data center*", M),
        ("computer*", W), ("internet", W), ("5g", M), ("startup*", W), ("silicon valley", M), ("innovation", W),
        ("digital", W), ("saas", M), ("big tech", S), ("tech giant*", S), ("tech compan*", S),
        ("search engine*", M), ("social media", M), ("electronics", M), ("tech sector", S), ("tech stocks", S),
        ("online", W), ("apps", W), ("devices", W), ("high-tech", M), ("telecommunications", M),
        ("telecom*", W),
    ] },
    TopicDef { id: "intellectual_property", name: "Patents & Intellectual Property", rule: "T003", phrases: &[
        ("patent*", S), ("intellectual property", S), ("copyright*", S), ("trademark*", M),
        ("trade secret*", S), ("licensing", W), ("infring*", M), ("royalt*", W), ("piracy", M),
        ("counterfeit*", M),
    ] },
    TopicDef { id: "antitrust_competition", name: "Antitrust & Competition", rule: "T004", phrases: &[
        ("antitrust", S), ("anti-trust", S), ("monopol*", S), ("competition authority", S),
        ("competition commission", S), ("competition watchdog", S), ("competition regulator*", S),
        ("federal trade commission", M), ("ftc", M), ("anticompetitive", S), ("anti-competitive", S),
        ("market dominance", S), ("dominant position", S), ("cartel*", M), ("price-fixing", S),
        ("price fixing", S), ("merger review", M), ("abuse of dominance", S), ("competition law", S),
        ("digital markets act", S),
    ] },
    TopicDef { id: "earnings", name: "Earnings", rule: "T005", phrases: &[
        ("quarterly results", S), ("quarterly profit*", S), ("quarterly earnings", S),
        ("quarterly revenue*", S), ("earnings", M), ("net income", S), ("net profit*", S), ("net loss*", S),
        ("profit", M), ("profits", M), ("net", W), ("mln vs", M), ("billion vs", M), ("revenue*", W),
        ("revs", S), ("rev", M), ("shr", S), ("shrs", M), ("qtr", S), ("first quarter", M),
        ("second quarter", M), ("third quarter", M), ("fourth quarter", M), ("1st qtr", S), ("2nd qtr", S),
        ("3rd qtr", S), ("4th qtr", S), ("per share", M), ("earnings per share", S), ("eps", M), ("cts vs", S),
        ("oper net", S), ("oper shr", S), ("avg shrs", S), ("year net", S), ("qtr net", S), ("mths net", S),
        ("net vs", S), ("loss vs", S), ("profit vs", S), ("profit warning", S), ("beat estimates", S),
        ("missed estimates", S), ("analysts' estimates", M), ("consensus estimate*", M),
        ("operating profit*", S), ("operating income", M), ("ebitda", M), ("margins", W), ("results", W),
        ("loss", W), ("sales", W), ("earnings report", S), ("earnings call", S), ("fiscal year", W),
        ("year-earlier", M), ("a year earlier", M), ("year-ago", M), ("net earnings", S), ("6 mths", S),
        ("9 mths", S), ("nine mths", S), ("six mths", S), ("quarter", W), ("annual profit", S),
        ("pretax profit", S), ("pre-tax profit", S), ("turnover", W), ("earnings forecast", S),
        ("profit forecast", S), ("extraordinary", W), ("dilution", W),
        // Newswire taxonomies file payout declarations under earnings too.
        ("dividend*", M), ("qtly div", S), ("div", M), ("stock split", M), ("split", M), ("reverse split", M),
        ("payout*", W), ("record date", W), ("stock dividend", S), ("initial dividend", S),
        ("quarterly dividend", S), ("annual dividend", S), ("raises dividend", S), ("cuts dividend", S), ("qtrly div", S), ("splits", M), ("two-for-one", M), ("three-for-two", M),
        ("2-for-1", M), ("3-for-2", M), ("special distribution", M), ("initial distribution", M),
        // Charges and write-offs are reported against earnings.
        ("charge against earnings", S), ("after-tax charge", S), ("pre-tax charge", S), ("write-off*", S),
        ("writedown*", S), ("write-down*", S), ("write off", S), ("pre-tax income", S), ("pretax income", S),
        ("loss provision", M), ("income", W), ("loss of", M),
        // Gains and charges booked on a sale or a write-off are reported against earnings.
        ("extraordinary gain", S), ("after-tax gain", S), ("pretax gain", S), ("pre-tax gain", S),
        ("gain on the sale", S), ("gain on sale", S), ("gain on", W), ("gain from the sale", S), ("gain from sale", S),
        ("one-time charge", S), ("special charge", M), ("wrote off", S), ("wrote down", S),
        ("operating loss*", S), ("loss from operations", S), ("expects loss", S), ("sees loss", S),
        // Payouts of partnerships, trusts and funds are distributions of income.
        ("cash distribution*", S), ("quarterly distribution*", S), ("monthly distribution*", S),
        ("monthly dividend*", S), ("monthly payout", S), ("cash dividend*", S), ("extra dividend", S),
        ("special dividend", S), ("raises quarterly", S), ("initial quarterly", S), ("bonus issue", M),
        ("bonus share*", M),
        // An auditor qualifying the accounts is news about reported results.
        ("qualified opinion", S), ("qualified audit", S), ("audit opinion", S), ("financial statements", M),
        ("fiscal quarter", W), ("fiscal first", M), ("fiscal second", M), ("fiscal third", M), ("fiscal fourth", M),
        // A per-share takeover offer is not a per-share result.
        ("shr offer", 0.0),
    ] },
    TopicDef { id: "mergers_acquisitions", name: "Mergers & Acquisitions", rule: "T006", phrases: &[
        ("acquisition*", S), ("acquire*", M), ("to acquire", S), ("to be acquired", S), ("has acquired", S), ("it acquired", S), ("purchase", W), ("buying", W), ("selling", W), ("acquiring", M), ("merger*", S), ("takeover*", S),
        ("take-over", S), ("take over", M), ("tender offer*", S), ("buyout", S), ("leveraged buyout", S),
        ("bid for", M), ("stake", M), ("majority stake", S), ("controlling interest", S), ("agreed to buy", S),
        ("agreed to acquire", S), ("agreed to sell", S), ("to buy", M), ("buys", W), ("buy", W),
        ("takes over", S), ("bid", M), ("bids", M), ("offer for", M), ("tendered", M), ("tender", W),
        ("exchange offer", S), ("stake in", S), ("considering sale", S), ("sell its", M), ("to sell its", M),
        ("merge", S), ("definitive agreement", M), ("letter of intent", M), ("hostile bid", S),
        ("white knight", S), ("divest*", M), ("spin-off", M), ("spinoff", M), ("sale of", M), ("completes sale", S), ("completed the sale", S), ("completes purchase", S), ("rejects offer", S), ("standstill*", S), ("tendering", M), ("definitive accord", S),
        ("purchase of", W), ("13d", S), ("pct stake", S), ("pct of", M), ("outstanding shares", M),
        ("shares outstanding", W), ("per share in cash", S), ("buy out", M), ("stock purchase agreement", S),
        ("to purchase", W), ("completed the purchase", S), ("wholly-owned", M), ("wholly owned", M),
        ("unit", W), ("subsidiary", W), ("holding company", W), ("suitor*", S), ("bought", W), ("sold", W),
        ("sells", M), ("to sell", M), ("investor group", M), ("shareholders", W), ("restructuring", W),
        ("joint venture", W), ("deal", W),
        // Commodity tenders and purchases are trade flows, not takeovers.
        ("buying tender", 0.0), ("import tender", 0.0), ("export tender", 0.0), ("tender for", 0.0),
        ("sugar purchase*", 0.0),
        ("agreed to purchase", S), ("agrees to buy", S), ("agrees to acquire", S), ("agrees to sell", S),
        ("agreed to merge", S), ("raises bid", S), ("raised its bid", S), ("sweeten*", M), ("unsolicited", M),
        ("seek control", S), ("seeking control", S), ("acquire control", S), ("take control", M),
        ("pct interest", S), ("seek a buyer", S), ("seeking a buyer", S), ("seeks buyer", S),
        ("buyer for", M), ("potential buyers", M), ("prospective buyers", M), ("purchasers", M),
        ("privatis*", M), ("privatiz*", M), ("sell off", M), ("spin off", M), ("go private", S),
        ("take private", S), ("going private", S), ("went private", S), ("cash offer", S),
        ("offer to buy", S), ("offer to acquire", S), ("offer to purchase", S), ("merger proposal", S),
        ("buyout offer", S), ("offers", W), ("waiting period", M), ("hart-scott-rodino", S),
        // Deal terms and offer wording.
        ("undisclosed terms", M), ("undisclosed amount", M), ("undisclosed sum", M), ("terms were not disclosed", M),
        ("a share cash", S), ("per share cash", S), ("shr offer", S), ("share offer", S), ("higher offer", S),
        ("hostile tender", S), ("tender for the remaining", S), ("tender for remaining", S), ("tender for all", S),
        ("interested in acquiring", S), ("merger talks", S), ("merged", M), ("merging", M), ("to be merged", S),
        ("spun off", M), ("offer for sale", 0.0),
        ("merger review", M),
    ] },
    TopicDef { id: "ipo", name: "IPOs & Listings", rule: "T007", phrases: &[
        ("initial public offering*", S), ("ipo", S), ("ipos", S), ("went public", S), ("go public", S),
        ("going public", S), ("flotation", S), ("public offering", M), ("spac", M), ("direct listing", S),
        ("stock market debut", S), ("market debut", S), ("trading debut", S), ("debut", W), ("listing", W),
        ("listed", W), ("priced its", M), ("blank-check", M),
    ] },
    TopicDef { id: "monetary_policy", name: "Monetary Policy & Interest Rates", rule: "T008", phrases: &[
        ("interest rate*", S), ("rate cut*", S), ("rate hike*", S), ("rate increase*", M), ("central bank*", M),
        ("federal reserve", M), ("the fed", M), ("fed", M), ("fomc", S), ("monetary policy", S),
        ("discount rate", S), ("prime rate", S), ("prime", W), ("basis point*", M), ("benchmark rate", S),
        ("fed funds", S), ("federal funds", S), ("quantitative easing", S), ("tightening", M), ("easing", M),
        ("inflation target*", S), ("ecb", M), ("bank of england", M), ("bank of japan", M), ("bundesbank", M),
        ("money supply", W), ("lending rate*", S), ("deposit rate*", S), ("repo rate", S), ("rates", W),
        ("treasury yield*", M), ("bond yield*", M), ("money market*", W), ("base rate*", S), ("call money", M),
        ("rate", W), ("repurchase agreement*", W), ("intervention rate", S), ("key rate", S),
        ("policy rate", S), ("rate-setting", S), ("rate setters", S), ("securities repurchase", W),
        ("reserve requirement*", S), ("liquidity", W), ("credit policy", M), ("lombard", S),
        ("money market rates", S), ("bill rate*", M), ("interbank", M), ("overnight rate", S), ("cd rates", M),
        ("raised rates", S), ("cut rates", S), ("lowered", W), ("raises", W), ("cuts", W), ("yields", W),
        ("prime hike", S), ("prime rates", S), ("bank rate", S), ("base lending rate*", S),
        ("mortgage rate*", M), ("reference rate*", M), ("rate rise*", S), ("t-bill*", M), ("bill auction*", M),
        ("discount note*", M), ("coupon rate*", M), ("special advances", M),
        // Open-market operations: the central bank adds or drains reserves in the money market.
        ("customer repurchase*", S), ("system repurchase*", S), ("temporary reserves", S),
        ("add reserves", M), ("adds reserves", M), ("drain reserves", M), ("government securities market", M),
    ] },
    TopicDef { id: "fiscal_policy", name: "Fiscal Policy & Taxes", rule: "T009", phrases: &[
        ("budget deficit*", S), ("fiscal", S), ("tax", M), ("taxes", M), ("tax cut*", S), ("tax reform", S),
        ("tax increase*", S), ("government spending", S), ("public spending", S), ("stimulus", M),
        ("public debt", M), ("debt ceiling", S), ("austerity", S), ("corporate tax*", S), ("vat", M),
        ("tax credit*", M), ("budget", M), ("deficit", W), ("finance ministry", W), ("finance minister", W),
        ("treasury secretary", W), ("spending cuts", S), ("government bonds", W), ("tax revenue*", S),
        ("tax rate*", S),
        // A company's fiscal year or quarter is accounting, not government finance.
        ("fiscal year", 0.0), ("fiscal quarter", 0.0), ("fiscal first", 0.0), ("fiscal second", 0.0),
        ("fiscal third", 0.0), ("fiscal fourth", 0.0), ("fiscal 1*", 0.0), ("fiscal 2*", 0.0),
    ] },
    TopicDef { id: "macroeconomy", name: "Macroeconomy", rule: "T010", phrases: &[
        ("gdp", S), ("gross domestic product", S), ("gnp", S), ("gross national product", S),
        ("economic growth", S), ("recession", S), ("inflation", M), ("consumer price*", S), ("cpi", M),
        ("unemployment rate", S), ("jobless rate", S), ("economy", M), ("economic", W),
        ("industrial production", S), ("industrial output", S), ("pmi", M), ("purchasing managers", S),
        ("retail sales", M), ("current account", M), ("balance of payments", M), ("economists", W),
        ("growth forecast*", M), ("slowdown", M), ("wholesale price*", S), ("producer price*", S),
        ("leading indicator*", S), ("housing starts", M), ("economic outlook", S), ("growth rate", M),
        ("money supply", M), ("m-1", M), ("m-3", M), ("m1", M), ("m3", M), ("economic indicators", S),
        ("current account deficit*", M), ("current account surplus*", M),
    ] },
    TopicDef { id: "currencies", name: "Currencies & FX", rule: "T011", phrases: &[
        ("currenc*", S), ("exchange rate*", S), ("the dollar", M), ("dollar", W), ("dlr", 0.0), ("dlrs", 0.0),
        ("dollars", 0.0), ("dollar/yen", S), ("yen", S), ("euro", M), ("sterling", S), ("stg", 0.0),
        ("marks", 0.0), ("mark", W), ("the mark", M), ("deutsche mark*", S), ("forex", S),
        ("foreign exchange", S), ("fx", M), ("devaluation", S), ("devalu*", S), ("revaluation", M),
        ("intervention", W), ("intervene*", M), ("intervening", M), ("market intervention", S), ("g-7", M),
        ("group of seven", M), ("group of five", M), ("louvre", S), ("plaza accord", S),
        ("exchange market*", S), ("money market*", M), ("franc", M), ("francs", M), ("swiss franc*", S),
        ("rupee*", M), ("yuan", M), ("peso*", M), ("lira", M), ("dinar*", M), ("greenback", S),
        ("foreign exchange reserves", S), ("treasury bill*", W), ("bill offers", M), ("shortage", W),
        ("assistance", W), ("discount houses", S), ("bank of england", W), ("liquidity", W), ("bundesbank", W),
        ("money market assistance", S), ("stabilise", W), ("stabilize", W), ("dollar's", M),
        ("currency markets", S), ("bill purchases", M), ("market shortage", M),
        // An amount in a currency ("1.79 billion Swiss francs") is not news about the currency.
        ("mln yen", 0.0), ("billion yen", 0.0), ("million yen", 0.0), ("mln francs", 0.0),
        ("billion francs", 0.0), ("million francs", 0.0), ("mln swiss francs", 0.0),
        ("billion swiss francs", 0.0), ("million swiss francs", 0.0), ("mln french francs", 0.0),
        ("billion french francs", 0.0), ("million french francs", 0.0), ("mln marks", 0.0),
        ("billion marks", 0.0), ("million marks", 0.0), ("mln guilders", 0.0), ("billion guilders", 0.0),
        ("million guilders", 0.0), ("mln crowns", 0.0), ("billion crowns", 0.0), ("million crowns", 0.0),
        ("mln lire", 0.0), ("billion lire", 0.0), ("million lire", 0.0), ("mln pesos", 0.0),
        ("billion pesos", 0.0), ("million pesos", 0.0), ("mln rupees", 0.0), ("billion rupees", 0.0),
        ("million rupees", 0.0), ("mln stg", 0.0), ("billion stg", 0.0), ("million stg", 0.0),
        ("mln pounds", 0.0), ("billion pounds", 0.0), ("million pounds", 0.0), ("mln euros", 0.0),
        ("billion euros", 0.0), ("million euros", 0.0), ("mln dlrs", 0.0), ("billion dlrs", 0.0),
        ("million dlrs", 0.0), ("mln dollars", 0.0), ("billion dollars", 0.0), ("million dollars", 0.0),
        ("mln yuan", 0.0), ("billion yuan", 0.0), ("million yuan", 0.0), ("mln won", 0.0), ("billion won", 0.0),
        ("million won", 0.0), ("mln rand", 0.0), ("billion rand", 0.0), ("million rand", 0.0),
        ("mln dinars", 0.0), ("billion dinars", 0.0), ("million dinars", 0.0), ("mln riyals", 0.0),
        ("billion riyals", 0.0), ("million riyals", 0.0),
        // Money-market operations of central banks are covered with the currency markets.
        ("repurchase agreement*", M), ("customer repurchase*", M), ("system repurchase*", M),
        ("temporary reserves", M), ("government securities market", M), ("currency swap*", M),
        // A unit of account or an amount in a currency is not news about the currency.
        ("currency unit*", 0.0), ("mln swiss franc", 0.0), ("billion swiss franc", 0.0),
        ("mln franc", 0.0), ("billion franc", 0.0), ("mln mark", 0.0), ("billion mark", 0.0),
        // Moves of a currency and official buying or selling of it ("the dollar fell against the yen").
        ("dollar drop", S), ("dollar fall", S), ("dollar to fall", S), ("dollar fell", S), ("dollar rose", S),
        ("dollar to rebound", S), ("dollar rebound", S), ("dollar's fall", S), ("dollar's rise", S),
        ("dollar's decline", S), ("weaker dollar", S), ("stronger dollar", S), ("weak dollar", S),
        ("strong dollar", S), ("stabilize the dollar", S), ("stabilise the dollar", S), ("support the dollar", S),
        ("stabilize dlr", S), ("dollar buying", S), ("dollar selling", S), ("dollar sales", M), ("dlr sales", M),
        ("buys dollars", S), ("bought dollars", S), ("buying dollars", S), ("sold dollars", S),
        ("selling dollars", S), ("against the dollar", S), ("against the yen", S), ("against the mark", S),
        ("against the euro", S), ("against sterling", S), ("intervened", M), ("exchange controls", S),
        ("money market fund*", 0.0),
        ("digital currenc*", M),
    ] },
    TopicDef { id: "energy", name: "Energy & Oil", rule: "T012", phrases: &[
        ("oil", M), ("crude", S), ("crude oil", S), ("opec", S), ("barrel*", M), ("bpd", S), ("natural gas", S),
        ("gasoline", M), ("refiner*", M), ("refinery", S), ("petroleum", M), ("energy", M), ("oil price*", S),
        ("brent", S), ("wti", S), ("oilfield*", S), ("drilling", W), ("pipeline*", W), ("lng", M),
        ("power plant*", M), ("electricity", M), ("utilities", W), ("nuclear power", M), ("renewable*", M),
        ("solar", M), ("wind power", M), ("coal", M), ("exploration", W), ("oil and gas", S),
        ("posted price*", M), ("oil output", S), ("oil production", S), ("oil minister*", S),
        ("oil companies", S), ("oil company", S), ("heating oil", S), ("fuel oil", S), ("fuel", W), ("gas", W),
        ("reserves", W), ("well", W),
        // Edible oils are farm commodities, not energy: the longest phrase wins.
        ("palm oil", 0.0), ("vegetable oil*", 0.0), ("soybean oil", 0.0), ("soyoil", 0.0), ("edible oil*", 0.0),
        ("olive oil", 0.0), ("rapeseed oil", 0.0), ("sunflower oil", 0.0), ("coconut oil", 0.0),
        ("veg oil", 0.0), ("oilseed*", 0.0), ("oil meal", 0.0),
        ("crude palm oil", 0.0), ("soyabean oil", 0.0), ("soya oil", 0.0), ("sunflowerseed oil", 0.0),
        ("cottonseed oil", 0.0), ("groundnut oil", 0.0), ("fish oil", 0.0), ("linseed oil", 0.0),
        ("oil meals", 0.0), ("oil cakes", 0.0),
        // Metal and sugar refineries are not oil refineries.
        ("copper refiner*", 0.0), ("zinc refiner*", 0.0), ("nickel refiner*", 0.0), ("alumina refiner*", 0.0),
        ("bauxite refiner*", 0.0), ("sugar refiner*", 0.0), ("refined copper", 0.0), ("refined sugar", 0.0),
        // Oil carriers, rigs and oil-industry policy.
        ("oil tanker*", S), ("supertanker*", M), ("tanker*", W), ("crude carrier*", S), ("rig count", S),
        ("rotary rigs", S), ("drilling rig*", S), ("oil rig*", S), ("oil rights", S), ("oil industry", S),
        ("foreign oil", S), ("oil import*", S), ("oil export*", S), ("oil installations", S), ("oil field*", S),
    ] },
    TopicDef { id: "commodities", name: "Commodities & Agriculture", rule: "T013", phrases: &[
        ("wheat", S), ("corn", S), ("grain*", S), ("soybean*", S), ("maize", S), ("barley", S), ("sorghum", S),
        ("rice", M), ("sugar", M), ("coffee", M), ("cocoa", M), ("cotton", M), ("tonnes", W), ("tons", W),
        ("bushel*", S), ("crop", M), ("crops", M), ("harvest*", M), ("farmers", M), ("farm", M),
        ("agricultur*", M), ("usda", S), ("export enhancement", S), ("ccc", M), ("commodity", M),
        ("commodities", M), ("gold", M), ("copper", M), ("silver", W), ("aluminium", M), ("aluminum", M),
        ("metals", M), ("livestock", M), ("cattle", M), ("feedgrain*", S), ("feed grain*", S), ("planting", M),
        ("acreage", S), ("oats", M), ("rye", M), ("flour", M), ("palm oil", M), ("vegetable oil*", M),
        ("soybean oil", M), ("oilseed*", M), ("edible oil*", M), ("veg oil", M), ("sunflower", M),
        ("rapeseed", M), ("bonus wheat", S), ("winter wheat", S), ("durum", S), ("agriculture department", S),
        ("tonne", M), ("mln tonnes", M), ("sugar beet", M), ("hogs", M), ("pork", M), ("meal", W),
        ("crude palm oil", M), ("soyabean oil", M), ("soya oil", M), ("sunflowerseed oil", M),
        ("cottonseed oil", M), ("groundnut oil", M), ("linseed oil", M), ("copper refiner*", M),
        ("zinc refiner*", M), ("nickel refiner*", M), ("sugar refiner*", M), ("refined copper", M),
        ("refined sugar", M),
    ] },
    TopicDef { id: "trade", name: "Trade & Tariffs", rule: "T014", phrases: &[
        ("trade deficit*", S), ("trade surplus*", S), ("tariff*", S), ("trade war*", S), ("trade talks", S),
        ("trade deal", S), ("trade agreement*", S), ("trade dispute*", S), ("exports", W), ("imports", W),
        ("export", W), ("import", W), ("exporters", W), ("importers", W), ("protectionis*", S),
        ("trade bill", S), ("gatt", S), ("wto", S), ("world trade organization", S),
        ("trade representative", S), ("dumping", M), ("anti-dumping", S), ("quota*", M), ("trade barrier*", S),
        ("trade relations", S), ("trade policy", S), ("bilateral trade", S), ("free trade", S),
        ("trade balance", S), ("customs", W), ("trade friction*", S), ("retaliat*", M), ("trade sanctions", S),
        ("trade", M), ("trading partner*", S), ("market access", M), ("trade legislation", S),
        ("trade imbalance*", S), ("reciprocity", M), ("export controls", M), ("trade gap", S),
        ("countervailing", S), ("uruguay round", S), ("semiconductor pact", S), ("trade ministry", S), ("chip pact", S), ("trade mission*", S), ("trade curbs", S), ("trade restrictions", S),
        ("export orders", M), ("trade figures", S), ("trade data", S), ("terms of trade", S),
        ("international trade", M),
        // The current account is the trade balance in goods, services and income.
        ("current account", M), ("current account deficit*", S), ("current account surplus*", S),
        ("balance of payments", M), ("trade balances", S), ("exports to", M), ("imports from", M),
        ("foreign goods", M), ("american goods", M), ("u.s. goods", M), ("export curbs", S), ("trade ban", S), ("trade laws", S), ("trade law", S),
        ("import curbs", S), ("import restrictions", S), ("export restrictions", S), ("import duty", S),
        ("import duties", S), ("export subsid*", S), ("semiconductor trade", S),
        // "Trade" as the trading community, an exchange or a union is not trade policy.
        ("board of trade", 0.0), ("trade sources", 0.0), ("trade house*", 0.0), ("trading house*", 0.0),
        ("trade union*", 0.0), ("trade show*", 0.0), ("trade fair*", 0.0), ("trade press", 0.0),
        ("trade name*", 0.0), ("trade secret*", 0.0),
        ("oil import*", W), ("oil export*", W),
    ] },
    TopicDef { id: "regulation_legal", name: "Regulation & Litigation", rule: "T015", phrases: &[
        ("lawsuit*", S), ("sued", S), ("sues", S), ("suing", S), ("litigation", S), ("court", M), ("judge", M),
        ("regulator*", M), ("regulation*", M), ("regulatory", M), ("sec", M),
        ("securities and exchange commission", S), ("investigation*", M), ("probe*", M), ("settlement", M),
        ("fined", S), ("fine", W), ("penalty", M), ("penalties", M), ("class action", S), ("class-action", S),
        ("indict*", S), ("consent decree", S), ("subpoena*", S), ("ruling", M), ("plaintiff*", S),
        ("attorney general", M), ("prosecutor*", M), ("allegation*", M), ("alleged", W), ("allegedly", W),
        ("fraud", M), ("compliance", W), ("legal", W), ("lawmakers", W), ("legislation", W),
        ("supreme court", S), ("appeals court", S), ("jury", M), ("injunction", S), ("damages", W),
        ("misconduct", M), ("accused", M), ("accusations", M),
    ] },
    TopicDef { id: "cybersecurity", name: "Cybersecurity & Data Privacy", rule: "T016", phrases: &[
        ("cyberattack*", S), ("cyber attack*", S), ("cyber-attack*", S), ("cybersecurity", S),
        ("cyber security", S), ("data breach*", S), ("hack", M), ("hacked", S), ("hacker*", S), ("hacking", S),
        ("ransomware", S), ("malware", S), ("phishing", S), ("data privacy", S), ("privacy", M),
        ("personal data", M), ("gdpr", S), ("vulnerabilit*", M), ("data misuse", S), ("misuse of data", S),
        ("data leak*", S), ("encryption", M), ("user data", M), ("breach", W), ("security flaw*", S),
        ("stolen data", S), ("customer data", M), ("security costs", M), ("cybercriminal*", S),
    ] },
    TopicDef { id: "crypto", name: "Crypto & Blockchain", rule: "T017", phrases: &[
        ("bitcoin*", S), ("crypto", S), ("cryptocurrenc*", S), ("crypto-*", S), ("blockchain*", S),
        ("ethereum", S), ("ether", M), ("stablecoin*", S), ("token*", W), ("nft*", M), ("coinbase", M),
        ("binance", S), ("defi", S), ("digital asset*", M), ("digital currenc*", M), ("crypto exchange*", S),
        ("solana", M), ("dogecoin", S),
    ] },
    TopicDef { id: "semiconductors", name: "Semiconductors", rule: "T018", phrases: &[
        ("semiconductor*", S), ("chipmaker*", S), ("chip maker*", S), ("chip", M), ("chips", M),
        ("microchip*", S), ("foundry", M), ("foundries", M), ("wafer*", M), ("tsmc", S), ("nvidia", M),
        ("intel", M), ("amd", M), ("gpu*", M), ("processor*", M), ("nanometer*", M), ("lithography", S),
        ("asml", M), ("memory chip*", S), ("dram", S), ("nand", S), ("microprocessor*", S),
        ("integrated circuit*", S), ("chipset*", S), ("qualcomm", M), ("broadcom", M), ("micron", M),
        ("semiconductor trade", S),
        ("semiconductor pact", S),
    ] },
    TopicDef { id: "healthcare", name: "Healthcare & Life Sciences", rule: "T019", phrases: &[
        ("pharma", S), ("pharmaceutical*", S), ("drug", M), ("drugs", M), ("drugmaker*", S), ("fda", S),
        ("food and drug administration", S), ("clinical trial*", S), ("vaccine*", S), ("biotech*", S),
        ("hospital*", M), ("patients", M), ("health care", S), ("healthcare", S), ("medical", M),
        ("medicare", S), ("medicaid", S), ("therapy", M), ("therapies", M), ("treatment*", W), ("disease*", M),
        ("cancer", M), ("life sciences", S), ("medical device*", S), ("health insurer*", S), ("diagnostic*", M),
        ("regulatory approval", W), ("weight-loss", M), ("obesity", M), ("trial results", M), ("phase 3", S),
        ("phase iii", S), ("health", W),
    ] },
    TopicDef { id: "real_estate", name: "Real Estate", rule: "T020", phrases: &[
        ("real estate", S), ("real-estate", S), ("housing market*", S), ("home sales", S), ("mortgage*", M),
        ("property market*", S), ("reit*", S), ("commercial property", S), ("office space", M), ("rent", W),
        ("rents", M), ("rental", W), ("homebuilder*", S), ("house prices", S), ("home prices", S),
        ("housing starts", S), ("construction", W), ("landlord*", M), ("property developer*", S),
        ("housing", M), ("property", W), ("properties", W), ("office tower*", M), ("commercial real estate", S),
        ("mortgage rate*", M),
        // "reit*" must not read "reiterated" as a real-estate trust.
        ("reiterated", 0.0),
    ] },
    TopicDef { id: "retail_consumer", name: "Retail & Consumer", rule: "T021", phrases: &[
        ("retail", M), ("retailer*", S), ("consumer spending", S), ("consumers", W), ("consumer", W),
        ("shoppers", S), ("stores", W), ("store", W), ("same-store sales", S), ("comparable sales", S),
        ("e-commerce", M), ("online shopping", S), ("apparel", M), ("restaurant*", M), ("consumer goods", S),
        ("brands", W), ("holiday season", M), ("black friday", S), ("grocery", M), ("groceries", M),
        ("supermarket*", M), ("department store*", S), ("consumer confidence", M), ("consumer demand", M),
        ("discount chain*", S), ("retail sales", M), ("fast food", M), ("beverage*", M), ("cosmetics", M),
        ("footwear", M),
    ] },
    TopicDef { id: "transportation", name: "Autos, Airlines & Shipping", rule: "T022", phrases: &[
        ("shipping", S), ("vessel*", S), ("tanker*", S), ("port", M), ("ports", M), ("freight*", S),
        ("cargo*", M), ("ship", M), ("ships", M), ("shipowner*", S), ("shipyard*", S), ("shipbuild*", S),
        ("dock", M), ("docks", M), ("dockers", S), ("dockworkers", S), ("seamen", S), ("sailors", M),
        ("canal", M), ("airline*", S), ("aircraft", M), ("airport*", M), ("flights", M), ("automaker*", S),
        ("carmaker*", S), ("auto industry", S), ("vehicle*", M), ("cars", M), ("electric vehicle*", S),
        ("trucking", S), ("railroad*", S), ("railway*", M), ("rail", M), ("logistics", M), ("container*", M),
        ("car sales", S), ("auto sales", S), ("navigation", M), ("strait", M), ("gulf shipping", S),
        ("escort*", M), ("reflag*", S), ("tonnage", M), ("charter*", W), ("bulk carrier*", S),
        ("longshoremen", S), ("shipments", W), ("harbour", M), ("harbor", M), ("ferry", S), ("ferries", S),
        ("merchant", W), ("marine", M), ("maritime", S), ("seaway", S), ("sealink", S), ("loading", W),
        ("berth*", S), ("waterway*", M), ("barge*", M), ("fleet", M), ("convoy*", M), ("shipped", W),
        ("naval", M), ("navy", M), ("warship*", S), ("crude carrier*", S), ("panama canal", S), ("suez", M),
        ("hormuz", S), ("port strike", S),
        ("seafarers", S), ("port workers", S), ("port union", S), ("dwt", S), ("worldscale", S),
        ("oil tanker*", S), ("supertanker*", S),
    ] },
    TopicDef { id: "banking_finance", name: "Banking & Financial Services", rule: "T023", phrases: &[
        ("bank", W), ("banks", M), ("banking", M), ("banker*", W), ("lender*", M), ("loan*", M), ("credit", W),
        ("deposits", M), ("asset manage*", S), ("insurer*", M), ("insurance", M), ("brokerage*", M),
        ("investment bank*", S), ("wall street bank*", S), ("capital ratio*", S), ("tier 1", S), ("basel", S),
        ("bad loans", S), ("non-performing loans", S), ("loan loss*", S), ("fintech", S), ("hedge fund*", M),
        ("private equity", M), ("financial services", S), ("bond issue*", M), ("eurobond*", M),
        ("credit facility", M), ("credit line", M), ("syndicated", M), ("savings and loan", S), ("thrift*", M),
        ("bancorp", M), ("bancorporation", M), ("financial institution*", M), ("deposit insurance", S),
        ("mortgage lender*", S), ("commercial bank*", M), ("banking system", S),
    ] },
    TopicDef { id: "labor", name: "Labor & Employment", rule: "T024", phrases: &[
        ("layoff*", S), ("lay off", S), ("laid off", S), ("job cuts", S), ("jobs", M), ("workers", M),
        ("employees", W), ("union", M), ("unions", M), ("strike", M), ("strikes", M), ("striking", M),
        ("walkout*", S), ("wage*", M), ("hiring", M), ("unemployment", M), ("workforce", S), ("labor", M),
        ("labour", M), ("headcount", S), ("employment", M), ("payrolls", S), ("nonfarm payrolls", S),
        ("collective bargaining", S), ("pay rise*", M), ("minimum wage", S), ("staff", W), ("cut jobs", S),
        ("jobs cut", S), ("job losses", S), ("redundanc*", S), ("labor dispute", S), ("labour dispute", S),
        ("industrial action", S),
        // Country and bloc names are not trade unions: the longest phrase wins.
        ("european union", 0.0), ("soviet union", 0.0), ("credit union*", 0.0), ("union pacific", 0.0),
        ("union carbide", 0.0), ("union bank", 0.0), ("monetary union", 0.0), ("customs union", 0.0),
        ("trade union*", S),
        ("port workers", M), ("port union", M),
    ] },
    TopicDef { id: "management", name: "Management & Governance", rule: "T025", phrases: &[
        ("chief executive", M), ("ceo", M), ("cfo", M), ("chief financial officer", M), ("resign*", S),
        ("stepped down", S), ("step down", S), ("steps down", S), ("stepping down", S), ("appointed", M),
        ("appoints", M), ("named", W), ("board of directors", M), ("board", W), ("chairman", M),
        ("succession", S), ("succeed*", W), ("proxy fight", S), ("proxy contest", S), ("activist investor*", S),
        ("governance", S), ("executives", W), ("shake-up", M), ("shakeup", M), ("ousted", S), ("fired", M),
        ("annual meeting", M), ("president", W), ("executive pay", S), ("retire*", M), ("successor", S),
        ("elected", W), ("new chief", S),
    ] },
    TopicDef { id: "capital_returns", name: "Dividends & Buybacks", rule: "T026", phrases: &[
        ("dividend*", S), ("buyback*", S), ("share repurchase*", S), ("stock repurchase*", S),
        ("repurchase*", M), ("buy back", S), ("special dividend", S), ("qtly div", S),
        ("quarterly dividend", S), ("annual dividend", S), ("raises dividend", S), ("cuts dividend", S), ("payout*", M), ("div", M), ("stock split", S), ("split", W),
        ("record date", M), ("payable", M), ("return capital", S), ("return cash", S),
        ("shareholder returns", S),
        // Longer phrases that other topics add must keep counting here too (longest match wins).
        ("cash dividend*", S), ("monthly dividend*", S), ("extra dividend", S), ("monthly payout", M),
        ("stock dividend", S), ("initial dividend", S),
    ] },
    TopicDef { id: "analyst_ratings", name: "Analyst Ratings", rule: "T027", phrases: &[
        ("upgrade*", M), ("downgrade*", M), ("price target*", S), ("target price", S), ("analyst", W),
        ("analysts", W), ("overweight", S), ("underweight", S), ("outperform", S), ("underperform", S),
        ("buy rating", S), ("sell rating", S), ("neutral rating", S), ("hold rating", S), ("rating", W),
        ("initiated coverage", S), ("initiates coverage", S), ("reiterated", M), ("equal-weight", S),
        ("equal weight", S), ("credit rating*", M), ("moody's", M), ("standard and poor's", M), ("fitch", M),
        ("raised its target", S), ("cut its target", S), ("market perform", S),
    ] },
    TopicDef { id: "geopolitics", name: "Geopolitics & Sanctions", rule: "T028", phrases: &[
        ("sanction*", S), ("geopolitic*", S), ("war", M), ("military", M), ("missile*", M), ("invasion", S),
        ("troops", M), ("conflict", M), ("embargo*", M), ("nato", M), ("tensions", M), ("diplomat*", M),
        ("election*", M), ("coup", S), ("terroris*", M), ("nuclear weapon*", S), ("ceasefire", S),
        ("export controls", S), ("blacklist*", M), ("foreign minister", M), ("gulf war", S), ("attack*", W),
        ("iran", W), ("iraq", W), ("russia", W), ("ukraine", W), ("taiwan", W), ("north korea", M),
        ("national security", M), ("hostilities", S), ("border", W),
        ("trade sanctions", M),
    ] },
    TopicDef { id: "esg_climate", name: "ESG & Climate", rule: "T029", phrases: &[
        ("climate change", S), ("climate", M), ("carbon", M), ("emission*", M), ("greenhouse", S), ("esg", S),
        ("sustainab*", M), ("net zero", S), ("net-zero", S), ("renewable energy", M), ("environmental", M),
        ("pollution", M), ("clean energy", S), ("decarboni*", S), ("paris agreement", S), ("green bond*", S),
        ("carbon tax", S), ("diversity", W), ("deforestation", S), ("global warming", S), ("wildfire*", M),
        ("spill", M), ("oil spill", S), ("environmentalists", M),
    ] },
    TopicDef { id: "bankruptcy", name: "Bankruptcy & Restructuring", rule: "T030", phrases: &[
        ("bankrupt*", S), ("chapter 11", S), ("chapter 7", S), ("insolven*", S), ("creditors", M),
        ("restructuring", M), ("debt restructuring", S), ("default", M), ("defaulted", S), ("defaults", M),
        ("liquidation", S), ("receivership", S), ("administrators", M), ("reorganization", M),
        ("reorganisation", M), ("debtor-in-possession", S), ("going concern", S), ("distressed", M),
        ("missed payment*", S), ("missed a payment", S), ("creditor protection", S), ("wind down", M),
        ("restructure", M), ("rescue", W), ("bailout", M),
    ] },
    TopicDef { id: "markets", name: "Financial Markets", rule: "T031", phrases: &[
        ("stock market*", S), ("stocks", M), ("shares", W), ("s&p 500", S), ("dow jones", S), ("the dow", S),
        ("nasdaq", M), ("wall street", M), ("index", W), ("indices", W), ("indexes", W), ("investors", W),
        ("sell-off", S), ("selloff", S), ("rally", M), ("rallied", M), ("bull market", S), ("bear market", S),
        ("volatility", M), ("equities", M), ("bond market*", S), ("treasuries", M), ("futures", W),
        ("traders", M), ("trading", W), ("stock exchange", M), ("market value", M), ("market cap*", M),
        ("ftse", S), ("nikkei", S), ("dax", S), ("hang seng", S), ("benchmark index", S), ("stock index", S),
        ("share price*", M), ("stock price*", M), ("shares rose", M), ("shares fell", M), ("equity market*", S),
        ("stock market debut", M),
    ] },
];

struct Tables {
    /// Every topic phrase once (see [`crate::phrase_tables`], which looks them up together
    /// with the event phrases).
    patterns: Vec<&'static str>,
    /// Per pattern: every (topic index, weight) it counts for.
    targets: Vec<Vec<(usize, f32)>>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut targets: Vec<Vec<(usize, f32)>> = Vec::new();
        // Pattern ids in first-seen order; the map only finds a repeated phrase (a linear
        // search here was quadratic in the ~1,500 phrases, paid by the first analysis).
        let mut id_of: FxHashMap<&'static str, usize> = FxHashMap::default();
        for (ti, t) in TOPICS.iter().enumerate() {
            for &(p, w) in t.phrases {
                match id_of.get(p) {
                    Some(&i) => targets[i].push((ti, w)),
                    None => {
                        id_of.insert(p, patterns.len());
                        patterns.push(p);
                        targets.push(vec![(ti, w)]);
                    }
                }
            }
        }
        Tables { patterns, targets }
    })
}

/// The topic phrases, by pattern id.
pub(crate) fn patterns() -> &'static [&'static str] {
    &tables().patterns
}

/// Evidence for one topic: weighted phrase hits in the title and in the body.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    pub title: f32,
    pub body: f32,
}

impl Evidence {
    /// Title hits count [`TITLE_WEIGHT`] times body hits.
    pub fn total(&self) -> f32 {
        TITLE_WEIGHT * self.title + self.body
    }
}

thread_local! {
    /// Hits of each topic phrase so far in the field being read (at most [`MAX_REPEATS`]).
    /// Kept between calls so that an article does not allocate and zero a count for every
    /// phrase of the table (1,448 of them, twice an article); each call clears only the
    /// counts its hits use.
    static SEEN: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}
// The counts stop at MAX_REPEATS, so a byte holds them.
const _: () = assert!(MAX_REPEATS < u8::MAX as usize);

/// Raw evidence per topic (index into [`TOPICS`]), before thresholds.
pub fn evidence(doc: &Doc<'_>) -> Vec<Evidence> {
    let t = tables();
    let mut ev = vec![Evidence::default(); TOPICS.len()];
    // Without a headline the lead sentence stands in for it (news puts the gist first).
    let lead_end = if doc.title.trim().is_empty() {
        doc.sentences
            .iter()
            .find(|s| s.field == Field::Body)
            .map_or(0, |s| s.end)
    } else {
        0
    };
    SEEN.with(|cell| {
        let seen = &mut *cell.borrow_mut();
        seen.resize(t.targets.len(), 0);
        for (field, in_title) in [(Field::Title, true), (Field::Body, false)] {
            let hits = &doc.phrase_hits(field).topics;
            // Clear only the counts this field's hits use: whatever an earlier call left
            // in the others is never read.
            for h in hits {
                seen[h.pattern] = 0;
            }
            for h in hits {
                let is_title = in_title || h.end <= lead_end;
                let n = usize::from(seen[h.pattern]);
                if n >= MAX_REPEATS {
                    continue;
                }
                seen[h.pattern] += 1;
                let repeat = if n == 0 { 1.0 } else { REPEAT_FACTOR };
                for &(ti, w) in &t.targets[h.pattern] {
                    let slot = if is_title {
                        &mut ev[ti].title
                    } else {
                        &mut ev[ti].body
                    };
                    *slot += w * repeat;
                }
            }
        }
    });
    // Long articles mention many things in passing: body evidence counts less per hit.
    let n = doc
        .sentences
        .iter()
        .filter(|s| s.field == Field::Body)
        .count() as f32;
    let scale = (LENGTH_REF / n.max(1.0)).sqrt().min(1.0);
    for e in &mut ev {
        e.body *= scale;
    }
    ev
}

/// Body length (sentences) up to which evidence is not scaled down.
const LENGTH_REF: f32 = 8.0;

/// Whether a topic's evidence makes it a topic of the article whose top topic has
/// `top` total evidence: a headline topic needs less support than a body-only one.
pub fn is_reported(
    e: Evidence,
    top: f32,
    min_total: f32,
    headline_min: f32,
    relative: f32,
) -> bool {
    let total = e.total();
    let enough = total >= min_total || (e.title >= HEADLINE_MIN_TITLE && total >= headline_min);
    enough && total >= relative * top
}

/// Classify an article into topics, most relevant first (ties in table order).
pub fn classify(doc: &Doc<'_>) -> Vec<Topic> {
    let ev = evidence(doc);
    let top = ev.iter().map(Evidence::total).fold(0.0f32, f32::max);
    let mut out: Vec<(usize, f32)> = ev
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            is_reported(
                **e,
                top,
                MIN_EVIDENCE,
                HEADLINE_MIN_EVIDENCE,
                RELATIVE_FLOOR,
            )
        })
        .map(|(i, e)| (i, 1.0 - (-e.total() / RELEVANCE_SCALE).exp()))
        .collect();
    crate::sort::sort_by(&mut out, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.into_iter()
        .map(|(i, r)| Topic {
            id: TOPICS[i].id.to_owned(),
            name: TOPICS[i].name.to_owned(),
            // Rounded so the JSON stays readable; never 0 because evidence >= the minimum.
            relevance_score: ((r * 1000.0).round() / 1000.0).clamp(0.001, 1.0),
        })
        .collect()
}

/// The definition of a topic id.
pub fn def(id: &str) -> Option<&'static TopicDef> {
    TOPICS.iter().find(|t| t.id == id)
}

/// Reuters-21578 topic codes and the topic id each is evidence for (the evaluation mapping of
/// `newsgauge eval topics`; a table of names, nothing learned from Reuters).
pub const REUTERS_TOPIC_MAP: &[(&str, &str)] = &[
    ("earn", "earnings"),
    ("acq", "mergers_acquisitions"),
    ("money-fx", "currencies"),
    ("crude", "energy"),
    ("grain", "commodities"),
    ("wheat", "commodities"),
    ("corn", "commodities"),
    ("trade", "trade"),
    ("interest", "monetary_policy"),
    ("ship", "transportation"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(title: &str, body: &str) -> Vec<String> {
        classify(&Doc::new(title, body))
            .into_iter()
            .map(|t| t.id)
            .collect()
    }

    fn has(title: &str, body: &str, id: &str) -> bool {
        ids(title, body).iter().any(|t| t == id)
    }

    /// Body evidence of the antitrust topic for `body`, under a headline without topic
    /// phrases (without one, the lead sentence would count as the headline).
    fn antitrust_body(body: &str) -> f32 {
        evidence(&Doc::new("Update", body))[antitrust()].body
    }

    fn antitrust() -> usize {
        let id = "antitrust_competition";
        TOPICS.iter().position(|t| t.id == id).unwrap()
    }

    #[test]
    fn repeats_of_a_phrase_count_half_up_to_the_cap_and_never_carry_over_to_the_next_article() {
        let n_times = |n: usize| format!("{} concerns.", vec!["antitrust"; n].join(" "));
        let fresh: Vec<f32> = (1..=6).map(|n| antitrust_body(&n_times(n))).collect();
        // One hit counts whole, the next ones half, and no more than MAX_REPEATS count.
        assert_eq!(fresh[..4], [S, 1.5 * S, 2.0 * S, 2.0 * S]);
        assert_eq!(fresh[5], fresh[3]);
        // The counts are kept between calls: an article full of the phrase, in its title
        // and body, must not change what the next article's hits count.
        let nine = n_times(9);
        let heavy = Doc::new(&nine, &nine);
        let _ = evidence(&heavy);
        let after: Vec<f32> = (1..=6).map(|n| antitrust_body(&n_times(n))).collect();
        assert_eq!(after, fresh);
        // Nor does the title's count run on into the body of the same article.
        let i = antitrust();
        assert_eq!(evidence(&heavy)[i].title, 2.0 * S);
        assert_eq!(evidence(&Doc::new(&nine, "antitrust concerns."))[i].body, S);
    }

    #[test]
    fn table_has_the_31_topics_with_unique_ids_and_rules() {
        assert_eq!(TOPICS.len(), 31);
        assert_eq!(RULES.len(), 31);
        let mut seen: Vec<&str> = TOPICS.iter().map(|t| t.id).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 31);
        for t in TOPICS {
            assert!(RULES.iter().any(|r| r.id == t.rule), "{} has no rule", t.id);
            for (p, w) in t.phrases {
                assert!(*w >= 0.0 && *w <= S, "{p}");
                assert_eq!(p.to_ascii_lowercase(), *p, "patterns are lowercase: {p}");
            }
        }
    }

    #[test]
    fn a_single_weak_keyword_is_not_a_topic() {
        assert!(!has("", "The shares were a gift from her aunt.", "markets"));
        assert!(!has(
            "",
            "She has a loan from her brother.",
            "banking_finance"
        ));
        assert!(ids("", "We baked bread and walked the dog in the park.").is_empty());
    }

    #[test]
    fn title_counts_more_than_body() {
        let a = classify(&Doc::new("Oil prices jump", "Traders were busy."));
        let b = classify(&Doc::new("Traders were busy", "Oil prices jump."));
        let rel = |v: &[Topic]| {
            v.iter()
                .find(|t| t.id == "energy")
                .map_or(0.0, |t| t.relevance_score)
        };
        assert!(rel(&a) > rel(&b));
    }

    #[test]
    fn relevance_is_in_unit_interval_and_sorted() {
        let v = classify(&Doc::new(
            "Fed raises interest rates as inflation bites",
            "The Federal Reserve raised its benchmark rate by 25 basis points. Stocks fell on Wall Street.",
        ));
        assert!(!v.is_empty());
        for w in v.windows(2) {
            assert!(w[0].relevance_score >= w[1].relevance_score);
        }
        for t in &v {
            assert!(t.relevance_score > 0.0 && t.relevance_score <= 1.0);
        }
        assert_eq!(v[0].id, "monetary_policy");
    }

    /// (topic, positive example, negative example that shares a surface word).
    const EXAMPLES: &[(&str, &str, &str)] = &[
        (
            "artificial_intelligence",
            "The company unveiled a generative AI model trained with machine learning.",
            "The aid agency sent food.",
        ),
        (
            "technology",
            "The tech giant moved its software to cloud computing.",
            "The village fair sold pies.",
        ),
        (
            "intellectual_property",
            "The firm filed a patent infringement claim over its design.",
            "She was patient with the kids.",
        ),
        (
            "antitrust_competition",
            "Antitrust regulators said the deal would create a monopoly.",
            "The team won the competition.",
        ),
        (
            "earnings",
            "Quarterly profit rose and earnings per share beat estimates.",
            "He earned praise from his coach.",
        ),
        (
            "mergers_acquisitions",
            "The company agreed to acquire its rival in a $2 billion takeover.",
            "She acquired a taste for jazz.",
        ),
        (
            "ipo",
            "The startup raised $1 billion in its initial public offering.",
            "The band made its debut on stage.",
        ),
        (
            "monetary_policy",
            "The central bank raised interest rates by 50 basis points.",
            "He showed interest in painting.",
        ),
        (
            "fiscal_policy",
            "Parliament passed tax cuts and a wider budget deficit.",
            "The taxi was late.",
        ),
        (
            "macroeconomy",
            "GDP shrank and the economy slid into recession.",
            "The economy class seats were full.",
        ),
        (
            "currencies",
            "The yen fell against the dollar as the exchange rate slid.",
            "Mark walked home.",
        ),
        (
            "energy",
            "OPEC cut crude oil output by a million bpd.",
            "She oiled the bike chain and rode off.",
        ),
        (
            "commodities",
            "Wheat and corn futures rose as the harvest shrank.",
            "The cornerstone was laid.",
        ),
        (
            "trade",
            "The U.S. imposed tariffs and the trade deficit widened.",
            "They traded jokes over dinner.",
        ),
        (
            "regulation_legal",
            "Shareholders filed a class action lawsuit in federal court.",
            "The judge of the bake-off loved the cake.",
        ),
        (
            "cybersecurity",
            "A ransomware attack caused a data breach at the insurer.",
            "The fence was breached by a goat.",
        ),
        (
            "crypto",
            "Bitcoin and other cryptocurrencies slid on the blockchain exchange.",
            "The tokens were used in the arcade.",
        ),
        (
            "semiconductors",
            "The chipmaker said semiconductor demand from data centers surged.",
            "We ate potato chips.",
        ),
        (
            "healthcare",
            "The FDA approved the drug after a clinical trial.",
            "The drugstore cat slept.",
        ),
        (
            "real_estate",
            "Home prices fell as mortgage rates hit the housing market.",
            "They rented a boat.",
        ),
        (
            "retail_consumer",
            "The retailer reported weaker same-store sales as shoppers cut back.",
            "The store of nuts lasted the winter.",
        ),
        (
            "transportation",
            "Tankers and other vessels avoided the shipping lane.",
            "Their friendship lasted decades.",
        ),
        (
            "banking_finance",
            "Banks raised loan loss provisions as bad loans grew.",
            "We sat on the river bank.",
        ),
        (
            "labor",
            "The union called a strike and the company announced layoffs.",
            "The European Union met today.",
        ),
        (
            "management",
            "The chief executive resigned and the board named a successor.",
            "The board game was fun.",
        ),
        (
            "capital_returns",
            "The company raised its dividend and announced a share repurchase.",
            "They split the bill.",
        ),
        (
            "analyst_ratings",
            "Analysts upgraded the stock to overweight and raised the price target.",
            "The hotel has a five-star rating.",
        ),
        (
            "geopolitics",
            "New sanctions were imposed after the invasion.",
            "The border collie ran.",
        ),
        (
            "esg_climate",
            "The firm set a net zero target to cut greenhouse gas emissions.",
            "The climate in the office was friendly.",
        ),
        (
            "bankruptcy",
            "The retailer filed for Chapter 11 bankruptcy protection.",
            "The default font is Arial.",
        ),
        (
            "markets",
            "The stock market sell-off dragged the S&P 500 lower.",
            "The farmers market sold apples.",
        ),
    ];

    /// Phrase rules added or reweighted after checking against newswire text:
    /// (topic, title, body, whether the topic is expected).
    const PHRASE_RULES: &[(&str, &str, &str, bool)] = &[
        // Earnings: gains on a sale, payouts of trusts and funds, audit opinions, write-offs.
        ("earnings", "Transamerica to have gain on unit sale",
            "Transamerica said it expects an after-tax gain of about 75 mln dlrs on the sale of its life insurance unit.", true),
        ("earnings", "", "The runner's gain on the field was small, and the sale of tickets went well.", false),
        ("earnings", "Royalty trust sets monthly payout",
            "The trust declared a monthly cash distribution of nine cts a unit, payable May 15.", true),
        ("earnings", "", "The charity organised the distribution of food parcels to families.", false),
        ("earnings", "Auditors give qualified opinion on accounts",
            "The company said its auditors issued a qualified opinion on its 1986 financial statements.", true),
        ("earnings", "", "She is well qualified and gave her opinion on the plan.", false),
        ("earnings", "Dome Petroleum takes 2.08 billion dlr writedown", "", true),
        // Fiscal policy: a company's fiscal year is accounting, not government finance.
        ("fiscal_policy", "Cook United expects loss for fiscal 1987",
            "The retailer expects a loss in its fiscal year ending in January.", false),
        ("fiscal_policy", "Government unveils fiscal package",
            "The government announced a fiscal stimulus and tax cuts to narrow the budget deficit.", true),
        // Mergers: buyers, bids, privatisation, deal terms.
        ("mergers_acquisitions", "Canadian Pacific seeks buyer for milling unit",
            "Canadian Pacific said it retained an adviser to seek a buyer for its flour milling unit.", true),
        ("mergers_acquisitions", "", "He finally found a buyer for his old bicycle.", false),
        ("mergers_acquisitions", "Iceland to privatise state bank",
            "The government said it will privatise the state-owned bank, the country's second largest.", true),
        ("mergers_acquisitions", "Revlon buys cosmetics maker from Beecham for undisclosed terms", "", true),
        ("mergers_acquisitions", "GAF offers 36 dlrs a share cash for Borg-Warner", "", true),
        // Monetary policy: bank lending rates; the institution alone is not the policy.
        ("monetary_policy", "Major U.S. banks move to higher prime rates",
            "Most major banks matched the prime rate increase by Citibank.", true),
        ("monetary_policy", "U.S. industrial production rose 0.5 pct",
            "U.S. industrial production rose 0.5 pct in February, the Federal Reserve Board said. \
             The Fed previously said industrial production rose 0.4 pct in January.", false),
        ("monetary_policy", "Fed adds reserves via customer repurchases",
            "The Federal Reserve entered the government securities market to arrange customer repurchase agreements.", true),
        // Currencies: currency moves and official buying of a currency.
        ("currencies", "Bank of Japan buys dollars, dealers said", "", true),
        ("currencies", "Dollar falls against the yen",
            "The dollar fell against the yen in Tokyo as dealers sold dollars ahead of the meeting.", true),
        ("currencies", "EC sugar export rebates detailed",
            "White sugar received export rebates of 44.8 European Currency Units per 100 kilos.", false),
        ("currencies", "Money market funds draw record inflows",
            "Investors moved cash into money market funds, the fund industry said.", false),
        // Energy: edible oils and metal refineries are not oil.
        ("energy", "Malaysian crude palm oil output falls",
            "Crude palm oil production fell to 270,400 tonnes in February.", false),
        ("energy", "Outokumpu to close nickel refinery",
            "The metals group will close its nickel refinery for six weeks because of low nickel prices.", false),
        ("commodities", "Malaysian crude palm oil output falls",
            "Crude palm oil production fell to 270,400 tonnes in February.", true),
        // Trade: current account and import curbs; "trade" as traders, an exchange or unions is not.
        ("trade", "U.S. current account deficit widens",
            "The current account deficit widened to a record as imports from Japan rose.", true),
        ("trade", "Chicago Board of Trade says trade sources expect soybean rally",
            "Soybean futures rose on the Chicago Board of Trade, trade sources said.", false),
        ("trade", "Trade unions launch New South Wales strikes",
            "Australian trade unions said they launched week-long strikes and other industrial action.", false),
        ("labor", "Trade unions launch New South Wales strikes",
            "Australian trade unions said they launched week-long strikes and other industrial action.", true),
        (
            "trade",
            "Japan moves to tighten chip-export curbs",
            "",
            true,
        ),
        (
            "trade",
            "Exporters of wine see record year",
            "Vineyards expect a record harvest.",
            false,
        ),
        // Energy: oil carriers, rigs and oil-industry policy.
        (
            "energy",
            "U.S. prepared to escort Kuwaiti oil tankers",
            "The United States offered to escort Kuwaiti oil tankers, as Iranian attacks threaten crude oil exports from the Gulf.",
            true,
        ),
        (
            "transportation",
            "U.S. prepared to escort Kuwaiti oil tankers",
            "The United States offered to escort Kuwaiti oil tankers, as Iranian attacks threaten crude oil exports from the Gulf.",
            true,
        ),
        (
            "energy",
            "U.S. rig count rises to 784",
            "The number of working rotary rigs rose by 23 to 784, Hughes Tool said.",
            true,
        ),
        (
            "energy",
            "Milk tanker overturns on highway",
            "A tanker carrying milk overturned, and the driver was unhurt.",
            false,
        ),
        // Transportation: seafarers and tanker freight terms.
        ("transportation", "Canadian seafarers threaten strike",
            "Canadian seafarers are almost certain to go on strike this spring over wages.", true),
    ];

    #[test]
    fn phrase_rules_checked_on_newswire_fire_only_in_context() {
        for (id, title, body, want) in PHRASE_RULES {
            let got = has(title, body, id);
            assert_eq!(
                got,
                *want,
                "{id} on {title:?} / {body:?}: {:?}",
                ids(title, body)
            );
        }
    }

    /// Whether phrase `inner` (lowercase words, optional trailing `*`) occurs word by word
    /// inside phrase `outer`.
    fn contains_phrase(outer: &str, inner: &str) -> bool {
        let prefix = inner.ends_with('*');
        let o: Vec<&str> = outer.trim_end_matches('*').split(' ').collect();
        let i: Vec<&str> = inner.trim_end_matches('*').split(' ').collect();
        o.windows(i.len()).any(|w| {
            w.iter().zip(&i).enumerate().all(|(k, (a, b))| {
                if prefix && k + 1 == i.len() {
                    a.starts_with(b)
                } else {
                    a == b
                }
            })
        })
    }

    #[test]
    fn no_phrase_is_listed_twice_in_one_topic() {
        // A repeated entry would count every hit of that phrase twice for the topic.
        for t in TOPICS {
            let mut seen: Vec<&str> = t.phrases.iter().map(|(p, _)| *p).collect();
            seen.sort_unstable();
            let n = seen.len();
            seen.dedup();
            assert_eq!(seen.len(), n, "{} lists a phrase twice", t.id);
        }
    }

    #[test]
    fn a_longer_phrase_keeps_the_topics_of_the_phrases_it_contains() {
        // Overlapping hits keep the longest phrase only, so a longer phrase listed under one
        // topic would silently take evidence from another topic whose strong phrase it
        // contains. Each such topic must be listed on the longer phrase too (0.0 when the
        // longer phrase deliberately means something else, e.g. "crude palm oil").
        let mut entries: Vec<(&str, Vec<(usize, f32)>)> = Vec::new();
        for (ti, t) in TOPICS.iter().enumerate() {
            for &(p, w) in t.phrases {
                match entries.iter_mut().find(|(q, _)| *q == p) {
                    Some((_, v)) => v.push((ti, w)),
                    None => entries.push((p, vec![(ti, w)])),
                }
            }
        }
        let mut missing = Vec::new();
        for (outer, outer_topics) in &entries {
            for (inner, inner_topics) in &entries {
                if outer == inner || !contains_phrase(outer, inner) {
                    continue;
                }
                for &(ti, w) in inner_topics {
                    if w >= S && !outer_topics.iter().any(|&(to, _)| to == ti) {
                        missing.push(format!("{outer:?} hides {inner:?} of {}", TOPICS[ti].id));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn every_topic_has_a_positive_and_a_negative_example() {
        assert_eq!(EXAMPLES.len(), TOPICS.len());
        for (id, pos, neg) in EXAMPLES {
            assert!(def(id).is_some(), "unknown topic {id}");
            assert!(has("", pos, id), "{id} missed: {pos} -> {:?}", ids("", pos));
            assert!(
                !has("", neg, id),
                "{id} false positive: {neg} -> {:?}",
                ids("", neg)
            );
        }
    }
}
