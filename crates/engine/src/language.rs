//! Cheap language identification, so that non-English text gets no confident score.
//!
//! The sentiment lexicon is English. Rather than scoring a German article with it and
//! showing a confident, wrong number, [`detect`] names the language and
//! [`discount_if_not_english`] marks the sentiment unreliable.
//!
//! Two signals, both linear and table-free:
//! 1. **Script.** Letters are counted by Unicode block. When Latin letters do not
//!    dominate, the dominant script names the language when it is nearly unambiguous:
//!    Han → `zh` (or `ja` when kana are present), Hangul → `ko`, Cyrillic → `ru`
//!    (`uk` with Ukrainian-only letters), Arabic → `ar`, Hebrew → `he`, Greek → `el`,
//!    Devanagari → `hi`, Thai → `th`; any other script → `und`.
//! 2. **Function words.** For Latin text, the share of very common function words of
//!    English (plus English financial shorthand such as "vs", "mln", "shares"), German,
//!    French, Spanish, Italian, Portuguese and Dutch among the word tokens. Another
//!    language wins only with clearly more hits than English; a long Latin text with
//!    almost no English evidence is `und`.
//!
//! Short inputs (fewer than [`SHORT_INPUT_WORDS`] words) in Latin script are `en`: a
//! headline fragment is not flagged. Text without letters (emoji, numbers) is `und`.

use crate::sentiment::SentimentOutput;
use crate::types::TickerSentiment;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Below this many words a Latin text is too short to judge and is taken as English.
pub const SHORT_INPUT_WORDS: usize = 5;

/// Bytes of text examined: language is settled long before 64 KiB, and a 2 MiB paste
/// should not pay for detection twice over.
const SAMPLE_BYTES: usize = 64 * 1024;

/// A CJK character carries about a word of meaning, a Latin letter a fifth of one: CJK
/// letters count this many times when comparing scripts.
const CJK_LETTER_WEIGHT: usize = 3;

/// Share of kana among Han+kana letters above which CJK text is Japanese (Japanese
/// prose is typically 30–40 % kana, Chinese has none).
const JA_MIN_KANA_SHARE: f32 = 0.10;

/// Another language must have this many function-word hits to be named at all (two is
/// too few: "y-o-y" has two Spanish "y", "per cent" two Italian "per").
const MIN_FOREIGN_HITS: usize = 3;

/// ... and this many times English's hits: mixed text with a quoted phrase stays English.
const FOREIGN_MARGIN: f32 = 1.5;

/// A Latin text at least this long whose English function-word share is below
/// [`MIN_ENGLISH_RATIO`] is `und` (e.g. Polish, Turkish, a list of symbols).
const MIN_WORDS_FOR_UND: usize = 30;

/// English prose runs at 30–45 % function words; news headlines-only text at ~10 %.
const MIN_ENGLISH_RATIO: f32 = 0.05;

/// How much of a score survives when the text is not English: at most "mildly", with
/// confidence 0 and `reliable: false`, so no confident score is shown.
pub const NON_ENGLISH_SCORE_SCALE: f32 = 0.25;

/// Function words per language (lowercase). Overlaps are fine: the winner needs a margin.
#[rustfmt::skip]
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was",
            "by", "at", "from", "it", "its", "are", "be", "this", "has", "have", "had", "said",
            "will", "were", "which", "an", "not", "but", "or", "their", "they", "would", "after",
            "than", "been", "more", "he", "she", "we", "our", "over", "up",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine",
            "einer", "einem", "eines", "sich", "auf", "für", "von", "zu", "im", "auch", "wird",
            "werden", "sind", "bei", "nach", "aus", "wie", "hat", "über", "noch", "dass", "oder",
            "nur", "vom", "zum", "zur", "sie", "wurde",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "une", "un", "du", "dans", "pour", "que", "qui",
            "pas", "sur", "au", "aux", "avec", "sont", "par", "ce", "cette", "il", "elle", "ont",
            "été", "plus", "mais", "ses", "leur", "nous", "vous", "être", "selon", "de", "en",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "y", "es", "una", "un", "del", "en", "para", "que", "por",
            "con", "se", "al", "su", "sus", "como", "más", "pero", "está", "son", "fue", "ha",
            "lo", "este", "esta", "de", "según", "también", "muy", "sin", "entre", "sobre", "han",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "gli", "le", "di", "e", "è", "che", "per", "una", "un", "del",
            "della", "dei", "delle", "con", "non", "sono", "nel", "nella", "alla", "anche",
            "come", "più", "ma", "ha", "da", "si", "al", "questo", "questa",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "e", "é", "do", "da", "dos", "das", "em", "no", "na", "um", "uma", "para",
            "que", "com", "não", "por", "mais", "foi", "são", "ao", "pelo", "pela", "seu", "sua",
            "também", "de", "se", "mas", "ou",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "met", "voor", "zijn",
            "te", "aan", "er", "ook", "als", "bij", "om", "maar", "naar", "wordt", "door",
            "worden", "deze", "heeft", "hebben", "werd", "nog",
        ],
    ),
];

/// English financial shorthand and vocabulary, counted as English evidence besides the
/// function words: wire-service tables ("Shr 45 cts vs 58 cts Net 1.1 mln") and
/// headlines have few function words but are English.
#[rustfmt::skip]
const ENGLISH_FINANCE_WORDS: &[&str] = &[
    "vs", "mln", "bln", "dlr", "dlrs", "cts", "shr", "shrs", "revs", "qtr", "avg", "oper", "pct",
    "inc", "corp", "ltd", "plc", "profit", "loss", "sales", "revenue", "revenues", "shares",
    "share", "stock", "stocks", "market", "markets", "year", "quarter", "quarterly", "billion",
    "million", "percent", "company", "earnings", "growth", "costs", "margins", "price", "prices",
    "rose", "fell", "down", "higher", "lower", "rate", "rates", "week", "ended", "reuters",
    "dividend", "analysts", "investors", "bonds", "futures", "oil", "trade",
];

/// Longest listed word in bytes ("quarterly", "investors"): longer tokens are not lowercased.
const MAX_FUNCTION_WORD_BYTES: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Han,
    Kana,
    Hangul,
    Cyrillic,
    Arabic,
    Hebrew,
    Greek,
    Devanagari,
    Thai,
    Other,
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Script::Han,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x400..=0x52F => Script::Cyrillic,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x900..=0x97F => Script::Devanagari,
        0xE00..=0xE7F => Script::Thai,
        _ => Script::Other,
    }
}

/// Byte classes of ASCII, one load a byte: [`LETTER`], [`WORD`]; non-ASCII bytes are
/// [`NON_ASCII`] (their char is decoded).
static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            LETTER | WORD
        } else if c.is_ascii_digit() || c == b'\'' {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
};
/// An ASCII letter.
const LETTER: u8 = 1;
/// An ASCII byte of a word (a letter, a digit, an apostrophe).
const WORD: u8 = 2;
/// Not ASCII.
const NON_ASCII: u8 = 4;

/// Add the letters of `text` to `counts` by script, and its Ukrainian-only letters to
/// `ukrainian`. ASCII is counted by byte class, not decoded char by char: nearly all of an
/// English article, where decoding was most of the cost of detection.
fn count_letters(text: &str, counts: &mut [usize; 11], ukrainian: &mut usize) {
    let bytes = text.as_bytes();
    let (mut i, mut latin) = (0, 0usize);
    while i < bytes.len() {
        let class = CLASS[usize::from(bytes[i])];
        if class & NON_ASCII == 0 {
            latin += usize::from(class & LETTER);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if c.is_alphabetic() {
            counts[script_of(c) as usize] += 1;
            *ukrainian += usize::from(matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
        }
        i += c.len_utf8();
    }
    counts[Script::Latin as usize] += latin;
}

/// Whether the char at byte `i` of `text` belongs to a word (a letter, a digit or an
/// apostrophe, ' or ’), and its length in bytes. ASCII is read as a byte.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let class = CLASS[usize::from(text.as_bytes()[i])];
    if class & NON_ASCII == 0 {
        return (class & WORD != 0, 1);
    }
    non_ascii_word_char_at(text, i)
}

/// [`word_char_at`] for a char that is not ASCII (rare: kept out of the byte loop).
#[inline(never)]
fn non_ascii_word_char_at(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().expect("i is on a char boundary");
    (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8())
}

/// The words of `text`: its runs of letters, digits and apostrophes (the non-empty pieces
/// of splitting it at every other char).
fn word_runs(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < text.len() {
            let (in_word, len) = word_char_at(text, i);
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(_)) => break,
                _ => {}
            }
            i += len;
        }
        start.map(|s| &text[s..i])
    })
}

/// The language of an article: `"en"`, an ISO 639-1 code when obvious, else `"und"`.
pub fn detect(title: &str, body: &str) -> &'static str {
    let body = prefix(body, SAMPLE_BYTES.saturating_sub(title.len()));
    let title = prefix(title, SAMPLE_BYTES);

    // Letters by script.
    let mut counts = [0usize; 11];
    let mut ukrainian = 0usize;
    for text in [title, body] {
        count_letters(text, &mut counts, &mut ukrainian);
    }
    let n = |s: Script| counts[s as usize];
    let total: usize = counts.iter().sum();
    if total == 0 {
        return "und";
    }
    let weighted = |s: Script| match s {
        Script::Han | Script::Kana | Script::Hangul => n(s) * CJK_LETTER_WEIGHT,
        _ => n(s),
    };
    let cjk = n(Script::Han) + n(Script::Kana);
    let candidates = [
        (Script::Latin, weighted(Script::Latin)),
        (Script::Han, cjk * CJK_LETTER_WEIGHT),
        (Script::Hangul, weighted(Script::Hangul)),
        (Script::Cyrillic, weighted(Script::Cyrillic)),
        (Script::Arabic, weighted(Script::Arabic)),
        (Script::Hebrew, weighted(Script::Hebrew)),
        (Script::Greek, weighted(Script::Greek)),
        (Script::Devanagari, weighted(Script::Devanagari)),
        (Script::Thai, weighted(Script::Thai)),
        (Script::Other, weighted(Script::Other)),
    ];
    // First maximum wins, so Latin wins ties.
    let dominant = candidates
        .iter()
        .fold(
            candidates[0],
            |best, &c| if c.1 > best.1 { c } else { best },
        )
        .0;
    match dominant {
        Script::Latin => latin_language(title, body),
        Script::Han | Script::Kana => {
            if n(Script::Kana) as f32 >= JA_MIN_KANA_SHARE * cjk as f32 {
                "ja"
            } else {
                "zh"
            }
        }
        Script::Hangul => "ko",
        Script::Cyrillic if ukrainian > 0 => "uk",
        Script::Cyrillic => "ru",
        Script::Arabic => "ar",
        Script::Hebrew => "he",
        Script::Greek => "el",
        Script::Devanagari => "hi",
        Script::Thai => "th",
        Script::Other => "und",
    }
}

/// Marks a word of [`ENGLISH_FINANCE_WORDS`] in [`word_table`] (bits below it are
/// indices into [`FUNCTION_WORDS`]).
const FINANCE_BIT: u32 = 1 << 31;

/// Every function word once, with a bit per list it is in: one hash lookup per word of the
/// text (a binary search of the sorted words was a tenth of a 1,000-word analysis). Only
/// looked up, never iterated, so its order cannot reach a result.
fn word_table() -> &'static FxHashMap<&'static str, u32> {
    static TABLE: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        const _: () = assert!(FUNCTION_WORDS.len() < 31, "one bit per language");
        let mut t: Vec<(&'static str, u32)> = Vec::new();
        for (i, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            t.extend(list.iter().map(|&w| (w, 1u32 << i)));
        }
        t.extend(ENGLISH_FINANCE_WORDS.iter().map(|&w| (w, FINANCE_BIT)));
        let mut merged = FxHashMap::default();
        for (w, m) in t {
            *merged.entry(w).or_insert(0) |= m;
        }
        merged
    })
}

/// Words of a Latin-script text whose function words are counted: far more than
/// the counts need to separate languages, and it bounds the cost on long articles.
const LATIN_SAMPLE_WORDS: usize = 2_000;

/// The language of mostly-Latin text, by function words.
fn latin_language(title: &str, body: &str) -> &'static str {
    let mut words = 0usize;
    let table = word_table();
    let mut hits = [0usize; FUNCTION_WORDS.len()];
    let mut lw = String::with_capacity(MAX_FUNCTION_WORD_BYTES * 2);
    // Words as runs of letters, digits and apostrophes: close to Unicode word boundaries
    // for counting function words, and several times cheaper than UAX #29 segmentation.
    for w in word_runs(title).chain(word_runs(body)) {
        let ascii = w.is_ascii();
        if !(if ascii {
            w.bytes().any(|b| b.is_ascii_alphabetic())
        } else {
            w.chars().any(char::is_alphabetic)
        }) {
            continue;
        }
        if words == LATIN_SAMPLE_WORDS {
            break;
        }
        words += 1;
        if w.len() > MAX_FUNCTION_WORD_BYTES {
            continue;
        }
        // Most words are lowercase already: looked up as they are, without a copy.
        let key = if ascii && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            w
        } else {
            lw.clear();
            if ascii {
                lw.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lw.extend(w.chars().flat_map(char::to_lowercase));
            }
            lw.as_str()
        };
        let Some(&mask) = table.get(key) else {
            continue;
        };
        for (i, h) in hits.iter_mut().enumerate() {
            *h += usize::from(mask & (1 << i) != 0);
        }
        hits[0] += usize::from(mask & FINANCE_BIT != 0);
    }
    if words < SHORT_INPUT_WORDS {
        return "en";
    }
    let en = hits[0];
    let mut order: Vec<usize> = (1..hits.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| hits[b].cmp(&hits[a]).then(a.cmp(&b)));
    let (best, runner_up) = (order[0], order[1]);
    if hits[best] >= MIN_FOREIGN_HITS && hits[best] as f32 > en as f32 * FOREIGN_MARGIN {
        // Two related languages level with each other: say only that it is not English.
        return if hits[best] > hits[runner_up] {
            FUNCTION_WORDS[best].0
        } else {
            "und"
        };
    }
    if words >= MIN_WORDS_FOR_UND && (en as f32) < MIN_ENGLISH_RATIO * words as f32 {
        return "und";
    }
    "en"
}

/// At most `max` bytes of `text`, cut on a char boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// When `language` is not English, mark the sentiment unreliable: confidence 0, and
/// every sentiment score (overall, per sentence, per ticker) scaled by
/// [`NON_ENGLISH_SCORE_SCALE`] with its label recomputed. Explanations are kept as
/// evidence. Called before impact, summary and key decisions are built, so none of them
/// repeats a confident label. English is left as it is.
pub fn discount_if_not_english(
    language: &str,
    sent: &mut SentimentOutput,
    tickers: &mut [TickerSentiment],
) {
    if language == "en" {
        return;
    }
    let s = &mut sent.overall;
    s.reliable = false;
    s.confidence = 0.0;
    s.score *= NON_ENGLISH_SCORE_SCALE;
    s.label = crate::label_for(s.score).to_owned();
    for sentence in &mut sent.sentences {
        sentence.score *= NON_ENGLISH_SCORE_SCALE;
    }
    for t in tickers {
        t.score *= NON_ENGLISH_SCORE_SCALE;
        t.label = crate::label_for(t.score).to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(text: &str) -> &'static str {
        detect("", text)
    }

    proptest::proptest! {
        /// The byte-wise scans mean exactly what decoding every char meant: the letters of
        /// each script, and the non-empty pieces of splitting at every non-word char.
        #[test]
        fn byte_wise_scans_agree_with_char_by_char_ones(text in "[a-zA-Z0-9' ’.,-]{0,12}|[aZ9 'ßéЖіїєґ中か한’\\-]{0,12}|\\PC{0,12}") {
            let (mut counts, mut ukrainian) = ([0usize; 11], 0usize);
            count_letters(&text, &mut counts, &mut ukrainian);
            let (mut want, mut want_uk) = ([0usize; 11], 0usize);
            for c in text.chars().filter(|c| c.is_alphabetic()) {
                want[script_of(c) as usize] += 1;
                want_uk += usize::from(matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
            }
            proptest::prop_assert_eq!((counts, ukrainian), (want, want_uk));
            let is_sep = |c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}');
            let want: Vec<&str> = text.split(is_sep).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(word_runs(&text).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn english_financial_news_is_english() {
        assert_eq!(
            lang("Apple shares fell 3% on Thursday after the company said iPhone sales in China were weaker than analysts had expected."),
            "en"
        );
        // Headline-style English with few function words is not flagged.
        assert_eq!(
            lang("Nvidia beats estimates, raises guidance; shares jump 8% premarket"),
            "en"
        );
    }

    #[test]
    fn european_languages_are_named_by_their_function_words() {
        assert_eq!(
            lang("Die Aktie der Deutschen Bank ist am Donnerstag deutlich gefallen, nachdem das Institut einen Verlust für das dritte Quartal gemeldet hat."),
            "de"
        );
        assert_eq!(
            lang("Les actions de la société ont chuté de 5 % jeudi après que le groupe a annoncé une baisse de ses bénéfices pour le trimestre."),
            "fr"
        );
        assert_eq!(
            lang("Las acciones del banco cayeron un 4 % el jueves después de que la entidad anunciara una caída de sus beneficios en el trimestre."),
            "es"
        );
        assert_eq!(
            lang("Le azioni della banca sono scese del 4 per cento dopo che il gruppo ha annunciato un calo degli utili nel trimestre."),
            "it"
        );
        assert_eq!(
            lang("De aandelen van het bedrijf zijn donderdag flink gedaald nadat de onderneming een verlies voor het derde kwartaal had gemeld."),
            "nl"
        );
    }

    #[test]
    fn long_latin_text_without_english_function_words_is_undetermined() {
        let polish = "Akcje spółki spadły w czwartek o pięć procent po tym, jak firma ogłosiła \
                      niższe zyski kwartalne niż oczekiwali analitycy rynku. Zarząd spółki \
                      zapowiedział dalsze cięcia kosztów oraz sprzedaż części aktywów firmy.";
        assert_eq!(lang(polish), "und");
    }

    #[test]
    fn scripts_name_their_language() {
        assert_eq!(
            lang("苹果公司周四股价下跌，此前公司表示中国市场的iPhone销量低于分析师预期。"),
            "zh"
        );
        assert_eq!(
            lang("アップルの株価は木曜日に下落した。中国でのiPhone販売が予想を下回ったためだ。"),
            "ja"
        );
        assert_eq!(
            lang("애플 주가는 목요일 중국 아이폰 판매 부진으로 하락했다."),
            "ko"
        );
        assert_eq!(
            lang("Акции компании упали на 5% после публикации слабой квартальной отчетности."),
            "ru"
        );
        assert_eq!(
            lang("Акції компанії впали на 5% після публікації слабкої квартальної звітності."),
            "uk"
        );
        assert_eq!(
            lang("انخفضت أسهم الشركة بنسبة 5٪ بعد إعلان نتائج فصلية ضعيفة."),
            "ar"
        );
        assert_eq!(
            lang("מניות החברה ירדו ב-5% לאחר פרסום דוח רבעוני חלש."),
            "he"
        );
        assert_eq!(
            lang(
                "Οι μετοχές της εταιρείας έπεσαν κατά 5% μετά τα αδύναμα τριμηνιαία αποτελέσματα."
            ),
            "el"
        );
        assert_eq!(lang("कंपनी के शेयर कमजोर तिमाही नतीजों के बाद 5% गिर गए।"), "hi");
    }

    #[test]
    fn english_with_a_few_foreign_names_stays_english() {
        assert_eq!(
            lang("Tencent (腾讯) and Alibaba shares rose in Hong Kong after Beijing signalled support for the technology sector."),
            "en"
        );
    }

    #[test]
    fn english_shorthand_headlines_and_wire_tables_stay_english() {
        // Single letters and "per" are weak foreign evidence; wire tables are English.
        assert_eq!(
            lang("JK Cement reports 38% y-o-y growth in net profits"),
            "en"
        );
        assert_eq!(
            lang("Castorseed futures slip 2.41 per cent to Rs 4,204 per quintal"),
            "en"
        );
        assert_eq!(
            lang(
                "Shr 45 cts vs 58 cts Net 1.1 mln vs 829,000 Sales 7.9 mln vs 9.4 mln Avg shrs \
                  2,332,397 vs 1,428,000 Year Shr 1.22 dlrs vs 1.06 dlrs Net 2.9 mln vs 1.9 mln"
            ),
            "en"
        );
    }

    #[test]
    fn short_foreign_headlines_are_named() {
        assert_eq!(
            lang("Total : Résultats du quatrième trimestre et de l’année 2019"),
            "fr"
        );
        assert_eq!(lang("Resumen: Desktop Metal lanza el primer sistema de inyección de aglomerante de metal"), "es");
    }

    #[test]
    fn short_latin_inputs_are_not_flagged() {
        assert_eq!(lang("Shares rose."), "en");
        assert_eq!(lang("Aktien fielen stark"), "en");
    }

    #[test]
    fn text_without_letters_is_undetermined() {
        assert_eq!(lang("😀🚀📉💰"), "und");
        assert_eq!(lang("123 456 7.5%"), "und");
        assert_eq!(lang(""), "und");
    }

    #[test]
    fn non_english_sentiment_is_marked_unreliable_and_shrunk() {
        let doc = crate::Doc::new("", "Shares plunged. Shares plunged. Shares plunged.");
        let mut sent = crate::sentiment::score(&doc);
        assert!(sent.overall.score < 0.0);
        let before = sent.clone();
        discount_if_not_english("en", &mut sent, &mut []);
        assert_eq!(sent, before, "English is left alone");
        discount_if_not_english("de", &mut sent, &mut []);
        assert!(!sent.overall.reliable);
        assert_eq!(sent.overall.confidence, 0.0);
        assert_eq!(
            sent.overall.score,
            before.overall.score * NON_ENGLISH_SCORE_SCALE
        );
        assert_eq!(sent.overall.label, crate::label_for(sent.overall.score));
        assert!(sent.overall.score.abs() < crate::MILD_BAND);
        assert_eq!(
            sent.sentences[0].score,
            before.sentences[0].score * NON_ENGLISH_SCORE_SCALE
        );
    }

    #[test]
    fn summary_and_decisions_repeat_only_the_discounted_label() {
        // They are built after the discount, so they never state the undiscounted label.
        let de = "Die Aktie ist nach dem Bericht über das schwache Quartal eingebrochen und die \
                  Anleger sind besorgt, weil der Umsatz gefallen ist. Shares plunged.";
        let undiscounted = crate::sentiment::score(&crate::Doc::new("", de))
            .overall
            .label;
        let a = crate::analyze_text(de);
        assert_eq!(a.language, "de");
        assert!(!a.sentiment.reliable && a.sentiment.confidence == 0.0);
        assert_ne!(
            undiscounted, a.sentiment.label,
            "the example must move the label"
        );
        assert!(!a.summary.contains(&undiscounted), "{}", a.summary);
        assert!(
            !a.key_decisions.iter().any(|d| d.contains(&undiscounted)),
            "{:?}",
            a.key_decisions
        );
    }
}
