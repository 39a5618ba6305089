//! Hand-written financial valence tables: polar words and domain phrases, valence
//! shifters (negators, intensifiers, hedges, contrast markers) and the direction/metric
//! words that let "costs fell" read as good news and "losses widened" as bad.
//!
//! Entries are written in the normalised form the feature tokenizer produces (lowercase,
//! numbers as `<num>`), one phrase per `|`-separated alternative. They are matched over
//! token sequences, grouped by first token ([`WordGroups`]) once.

use std::sync::OnceLock;

use crate::word_groups::WordGroups;

/// What a matched phrase does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cue {
    /// A polar word or phrase with its prior weight (positive or negative), and its rule.
    Polar(f32, PolarRule),
    /// Flips the polarity of the polar cues in its scope ("not", "failed to").
    Negator,
    /// Multiplies the next polar cue ("sharply", "slightly").
    Intensity(f32),
    /// Lowers certainty of the sentence ("may", "reportedly").
    Hedge,
    /// "but", "however": the clause before it counts less.
    ContrastNext,
    /// "although", "despite": the clause it opens counts less.
    ContrastThis,
    /// A change upwards ("rose", "increased") or downwards ("fell", "narrowed").
    Up,
    Down,
    /// A quantity where more is good ("sales", "profit") or bad ("loss", "costs").
    GoodMetric,
    BadMetric,
}

/// Which rule a polar cue belongs to (a byte, not a string, so features stay small).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolarRule {
    LexPos,
    LexNeg,
    PhrasePos,
    PhraseNeg,
}

impl PolarRule {
    /// The rule id this cue reports.
    pub fn id(self) -> &'static str {
        match self {
            PolarRule::LexPos => LEX_POS,
            PolarRule::LexNeg => LEX_NEG,
            PolarRule::PhrasePos => PHRASE_POS,
            PolarRule::PhraseNeg => PHRASE_NEG,
        }
    }
}

/// Rule id of a positive word from the lexicon.
pub const LEX_POS: &str = "S001";
/// Rule id of a negative word from the lexicon.
pub const LEX_NEG: &str = "S002";
/// Rule id of a positive domain phrase.
pub const PHRASE_POS: &str = "S003";
/// Rule id of a negative domain phrase.
pub const PHRASE_NEG: &str = "S004";

/// Polar words (prior weight ~1 = clearly polar in financial news).
const POLAR_WORDS: &[(&str, f32)] = &[
    // positive
    ("gain|gains|gained|gaining", 0.6),
    ("profit|profits|profitable|profitability", 0.5),
    ("growth|grow|grows|grew|growing|grown", 0.6),
    ("improve|improves|improved|improving|improvement|improvements", 0.8),
    ("strong|stronger|strongest|strength|strengthen|strengthened|strengthens", 0.7),
    ("record|record-high|all-time", 0.5),
    ("beat|beats|beating|tops|topped|exceed|exceeds|exceeded|exceeding|surpass|surpassed", 0.8),
    ("surge|surges|surged|surging|soar|soars|soared|soaring|jump|jumps|jumped|jumping", 0.9),
    ("rally|rallies|rallied|rallying|rebound|rebounds|rebounded|recover|recovers|recovered|recovery", 0.7),
    ("upgrade|upgrades|upgraded|outperform|outperforms|outperformed|overweight|buy", 0.8),
    ("bullish|bull|upbeat|optimistic|optimism|confident|confidence", 0.7),
    ("success|successful|successfully|win|wins|won|winning|winner|award|awarded", 0.6),
    ("boost|boosts|boosted|boosting|lift|lifts|lifted|expand|expands|expanded|expansion", 0.6),
    ("positive|favorable|favourable|robust|solid|healthy|resilient|impressive|excellent", 0.7),
    ("increase|increases|increased|increasing|rise|rises|rose|rising|up|higher|climb|climbed|climbs", 0.3),
    ("dividend|buyback|repurchase", 0.3),
    ("innovative|breakthrough|milestone|launch|launches|launched", 0.3),
    ("agreement|contract|deal|partnership|order|orders", 0.15),
    ("opportunity|opportunities|benefit|benefits|benefited|attractive", 0.4),
    // negative
    ("loss|losses|lost|lose|loses|losing", -0.7),
    ("decline|declines|declined|declining|decrease|decreases|decreased|decreasing", -0.5),
    ("fall|falls|fell|falling|drop|drops|dropped|dropping|down|lower|slip|slips|slipped", -0.4),
    ("plunge|plunges|plunged|plunging|slump|slumps|slumped|tumble|tumbled|tumbles|crash|crashed|sink|sank|sinks", -0.9),
    ("miss|misses|missed|missing|shortfall|disappoint|disappoints|disappointed|disappointing|disappointment", -0.8),
    ("weak|weaker|weakest|weakness|weaken|weakened|soft|softer|sluggish|slowdown|slow|slower", -0.6),
    ("layoff|layoffs|laid|redundancies|redundancy|job-cuts|furlough|furloughs", -0.7),
    ("lawsuit|lawsuits|sued|sue|sues|litigation|probe|investigation|fraud|scandal|fine|fined|penalty", -0.7),
    ("downgrade|downgrades|downgraded|underperform|underperformed|underweight|sell", -0.8),
    ("bearish|bear|pessimistic|pessimism|concern|concerns|worried|worries|worry|fear|fears|risk|risks", -0.5),
    ("bankruptcy|bankrupt|insolvency|insolvent|default|defaults|defaulted|liquidation|restructuring", -0.9),
    ("recall|recalls|recalled|breach|breaches|hack|hacked|outage|exfiltration|ransomware|cyberattack", -0.7),
    ("warning|warns|warned|warn|cut|cuts|cutting|slash|slashed|slashes|reduce|reduced|reduces", -0.4),
    ("negative|unfavorable|unfavourable|poor|worse|worst|difficult|challenging|volatile|uncertainty", -0.6),
    ("deficit|debt|impairment|writedown|write-down|write-off|writeoff|charge|charges", -0.3),
    ("delay|delays|delayed|halt|halted|suspend|suspended|suspends|cancel|cancelled|canceled", -0.5),
    ("resign|resigns|resigned|ousted|fired|quit|quits", -0.4),
];

/// Domain phrases: multi-word financial events whose polarity the words alone miss.
const DOMAIN_PHRASES: &[(&str, f32)] = &[
    ("beat estimates|beats estimates|beat expectations|beats expectations|topped estimates|tops estimates|topped expectations|above estimates|above expectations|ahead of estimates|ahead of expectations|better than expected|better-than-expected", 1.2),
    ("failed to meet|fails to meet|failed to reach|did not meet|didn't meet|failed to achieve|missed its target|missed targets|missed estimates|misses estimates|miss estimates|missed expectations|misses expectations|below estimates|below expectations|worse than expected|worse-than-expected|fell short", -1.2),
    ("raised its dividend|raises its dividend|raised the dividend|raises dividend|raised dividend|hikes dividend|hiked dividend|dividend increase|increased its dividend|increases its dividend", 1.0),
    ("cut its dividend|cuts its dividend|cut the dividend|cuts dividend|dividend cut|suspended its dividend|suspends dividend|omitted dividend", -1.1),
    ("raised guidance|raises guidance|raised its guidance|raises its guidance|raised its forecast|raises its forecast|raised its outlook|raises its outlook|raised forecast|raises outlook|raised outlook|lifted guidance|lifts guidance|boosted guidance", 1.1),
    ("cut guidance|cuts guidance|cut its guidance|cuts its guidance|cut its forecast|cuts its forecast|cut its outlook|cuts its outlook|lowered guidance|lowers guidance|lowered its guidance|lowers its guidance|lowered its forecast|lowers its forecast|lowered its outlook|lowers its outlook|profit warning|slashed guidance|withdrew guidance|withdraws guidance|cut its full-year guidance|cuts its full-year guidance|cut its full-year forecast|lowered its full-year guidance|lowers its full-year guidance|lowered its full-year forecast|cut its annual forecast|lowered its annual forecast", -1.1),
    ("price target raised|raises price target|raised price target|raises target|pt raised|target raised", 0.9),
    ("price target cut|cuts price target|cut price target|lowers price target|lowered price target|pt cut|target cut|target lowered", -0.9),
    ("gained access|unauthorized access|unauthorised access|data exfiltration|data breach|security breach|cyber attack|going concern|class action|chapter <num>|accounting irregularities|sec investigation|short seller|short report", -1.0),
    ("share buyback|stock buyback|buyback program|buyback programme|share repurchase|stock split", 0.6),
    ("order intake increased|won a contract|wins contract|won an order|signed a contract|secured a contract|awarded a contract", 0.6),
    ("job cuts|cut jobs|cuts jobs|cutting jobs|cut staff|plant closure|close plant|temporary layoffs|lay off|laid off|lays off", -0.8),
    ("all-time high|record high|52-week high|new high|new highs|multi-year high", 0.8),
    ("all-time low|record low|52-week low|new low|new lows|multi-year low", -0.8),
    ("operating loss narrowed|loss narrowed|losses narrowed|turned to a profit|turned profitable|swung to a profit|back to profit|returned to profit", 1.0),
    ("swung to a loss|turned to a loss|fell into the red|slipped into the red|loss widened|losses widened|operating loss increased", -1.0),
];

/// Valence shifters and direction/metric words.
const SHIFTERS: &[(&str, Cue)] = &[
    ("not|no|never|n't|cannot|without|neither|nor|nothing|none|hardly|didnt|dont|doesnt|isnt|wasnt|wont|cant", Cue::Negator),
    ("failed to|fails to|fail to|unable to|lack of|lacks|lacked|absence of", Cue::Negator),
    ("very|sharply|significantly|strongly|substantially|considerably|dramatically|hugely|massive|steep|steeply|sharp|big|huge|major|extremely|highly|record", Cue::Intensity(1.5)),
    ("slightly|somewhat|marginally|modestly|modest|slight|barely|little|mildly|small", Cue::Intensity(0.6)),
    ("may|might|could|allegedly|reportedly|reported|rumored|rumoured|rumor|rumour|possibly|possible|potential|potentially|perhaps|speculation|unconfirmed|expected to|plans to|considering|sources said|people familiar", Cue::Hedge),
    ("but|however|yet|nevertheless|nonetheless|still", Cue::ContrastNext),
    ("although|though|despite|even though|while|whereas|in spite of", Cue::ContrastThis),
    ("increase|increases|increased|increasing|rise|rises|rose|rising|risen|up|higher|grow|grew|grows|growing|grown|climb|climbed|climbs|jump|jumped|jumps|surge|surged|soar|soared|gain|gained|improve|improved|widen|widened|widens|expand|expanded|doubled|tripled|boost|boosted|advanced|increase of|growth of|rise of|higher than|raised|raises|raising|hiked|hikes|lifted|lifts", Cue::Up),
    ("decrease|decreases|decreased|decreasing|fall|falls|fell|fallen|falling|drop|drops|dropped|down|lower|decline|declined|declines|declining|shrink|shrank|shrunk|narrow|narrowed|narrows|slip|slipped|plunge|plunged|reduce|reduced|reduction|cut|cuts|slump|slumped|halved|contracted|decrease of|lower than|fell to|lowered|lowers|lowering|slashed|slashes|trimmed|trims|cutting", Cue::Down),
    ("sales|revenue|revenues|profit|profits|earnings|income|ebit|ebitda|ebita|margin|margins|eps|dividend|dividends|orders|order intake|order book|backlog|demand|share price|stock price|market share|result|results|turnover|operating profit|cash flow|productivity|value|volume|volumes|production|output|deliveries|traffic|subscribers|customers|net sales|pretax profit|net profit|shares|stock|price|growth|capacity|efficiency|guidance|forecast|forecasts|outlook|target|targets|price target|estimates|expectations|rating|ratings", Cue::GoodMetric),
    ("loss|losses|costs|cost|expenses|expense|debt|unemployment|deficit|liabilities|write-downs|impairment|impairments|inventory|inventories|risk|risks|uncertainty|inflation|emissions|churn|delinquencies|defaults|net loss|operating loss|pretax loss", Cue::BadMetric),
];

/// The patterns ("tok tok ", looked up where a token starts) and the cue of each.
pub struct Lexicon {
    /// The patterns (tokens joined by spaces, each ending in a space), grouped by their
    /// first token; ids index `cues` and `tokens`.
    pub groups: WordGroups,
    pub cues: Vec<Cue>,
    /// Pattern lengths in tokens (1 for single words).
    pub tokens: Vec<u8>,
}

/// The one lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn build() -> Lexicon {
    // Same surface form in several tables is allowed (e.g. "rose" is both a weak
    // positive word and an up-direction): each (pattern, cue) is one entry of the
    // index, and a lookup reports every entry of a matching pattern.
    let mut patterns: Vec<String> = Vec::new();
    let mut cues: Vec<Cue> = Vec::new();
    let mut push = |alts: &str, cue: Cue| {
        for p in alts.split('|') {
            // Patterns are looked up where a token starts in " tok tok tok ", and end in
            // a space: whole-token matches only.
            patterns.push(format!("{p} "));
            cues.push(cue);
        }
    };
    for (alts, w) in POLAR_WORDS {
        push(
            alts,
            Cue::Polar(
                *w,
                if *w > 0.0 {
                    PolarRule::LexPos
                } else {
                    PolarRule::LexNeg
                },
            ),
        );
    }
    for (alts, w) in DOMAIN_PHRASES {
        push(
            alts,
            Cue::Polar(
                *w,
                if *w > 0.0 {
                    PolarRule::PhrasePos
                } else {
                    PolarRule::PhraseNeg
                },
            ),
        );
    }
    for (alts, cue) in SHIFTERS {
        push(alts, *cue);
    }
    let tokens = patterns
        .iter()
        .map(|p| p.trim().split(' ').count() as u8)
        .collect();
    // Matches only ever start at a token, and a pattern matching there has that token as its
    // first (tokens hold no space): one group lookup a token serves (an Aho-Corasick DFA
    // over these patterns took milliseconds to build per page load).
    let groups = WordGroups::new(patterns.iter().map(|p| (p, p.find(' ').unwrap_or(0))));
    Lexicon {
        groups,
        cues,
        tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_builds_and_has_the_promised_domain_phrases() {
        let lex = lexicon();
        for phrase in [
            " beat estimates ",
            " cut guidance ",
            " raised its dividend ",
            " data exfiltration ",
        ] {
            let phrase = phrase.trim_start();
            let first = &phrase[..phrase.find(' ').unwrap()];
            assert!(
                lex.groups
                    .group(first.as_bytes())
                    .any(|(_, p)| p == phrase.as_bytes()),
                "{phrase} missing"
            );
        }
    }
}
