//! Trap corpus for ticker resolution: short passages with the tickers that must be found
//! and those that must not. Precision and recall over the whole corpus are printed and
//! asserted (>= 0.97 / 0.95). Private companies are written "@Name".

use std::collections::BTreeSet;

use newsgauge_engine::{analyze, Article};

/// (title, body, expected present, expected absent)
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

#[rustfmt::skip]
const CORPUS: &[Case] = &[
    // --- share classes, dual listings, brands, descriptors ---
    ("", "Google unveiled a new Pixel phone on Tuesday.", &["GOOGL", "GOOG"], &[]),
    ("", "Alphabet shares rose after YouTube ad revenue beat forecasts.", &["GOOGL", "GOOG"], &[]),
    ("", "Berkshire Hathaway reported higher operating earnings.", &["BRK.A", "BRK.B"], &[]),
    ("", "Warren Buffett said Berkshire would keep buying back stock.", &["BRK.A", "BRK.B"], &[]),
    ("", "TSMC said demand for AI chips remains strong.", &["TSM", "2330.TW"], &[]),
    ("", "The iPhone maker is expected to report results on Thursday.", &["AAPL"], &[]),
    ("", "The ChatGPT maker is in talks to raise funds at a higher valuation.", &["@OpenAI"], &["MSFT"]),
    ("", "Anthropic and DeepSeek released new models this week.", &["@Anthropic", "@DeepSeek"], &[]),
    ("", "SpaceX plans another Starlink launch, while ByteDance weighs a TikTok sale.", &["@SpaceX", "@ByteDance"], &[]),
    ("", "Instagram and WhatsApp outages hit Meta Platforms on Monday.", &["META"], &[]),
    ("", "AWS growth accelerated, lifting Amazon.com shares.", &["AMZN"], &[]),
    ("", "Microsoft said Azure revenue grew 33% and Xbox sales slipped.", &["MSFT"], &[]),
    ("", "J&J agreed to pay $700 million to settle the talc claims.", &["JNJ"], &[]),
    ("", "BofA analysts raised their outlook for the sector.", &["BAC"], &[]),
    ("", "GE Aerospace raised its full-year guidance.", &["GE"], &[]),
    ("", "Facebook, now called Meta, changed its ticker years ago.", &["META"], &[]),
    ("", "Novo Nordisk cut the price of Wegovy in the United States.", &["NVO", "NOVO-B.CO"], &[]),
    // --- explicit forms ---
    ("", "Traders piled into $TSLA calls ahead of deliveries.", &["TSLA"], &[]),
    ("", "JPMorgan Chase (NYSE: JPM) beat profit estimates.", &["JPM"], &[]),
    ("", "Shares of Apple (NASDAQ: AAPL) edged higher.", &["AAPL"], &[]),
    ("", "NASDAQ: AAPL closed at a record.", &["AAPL"], &["NDAQ"]),
    ("", "BP (LON:BP) raised its dividend.", &["BP", "BP.L"], &[]),
    ("", "Apple (AAPL) and Microsoft (MSFT) led the rally.", &["AAPL", "MSFT"], &[]),
    ("", "Acme Widgets (NYSE: ACMW) rallied 20% in its debut.", &["ACMW"], &[]),
    ("", "Old posts still use $FB for the social network.", &["META"], &[]),
    // --- legal suffixes ---
    ("", "MICROSOFT CORP filed its annual report with the SEC.", &["MSFT"], &[]),
    ("", "Microsoft Corp. agreed to buy a gaming studio.", &["MSFT"], &[]),
    ("", "Nvidia Corporation said supply remains tight.", &["NVDA"], &[]),
    // --- common words and acronyms that are never tickers ---
    ("", "Her grandmother's apple pie won first prize at the fair.", &[], &["AAPL"]),
    ("", "Apple pie is a classic American dessert.", &[], &["AAPL"]),
    ("", "The central bank kept a target of 2% inflation.", &[], &["TGT"]),
    ("", "IT spending rose as companies moved to the cloud.", &[], &["IT"]),
    ("", "ALL employees must complete the training by Friday.", &[], &["ALL"]),
    ("", "Prices went ON sale NOW for the holiday season.", &[], &["ON", "NOW"]),
    ("", "A strong quarter lifted the stock of a regional lender.", &[], &["A"]),
    ("", "AI spending by cloud companies keeps growing.", &[], &["AI"]),
    ("", "The CEO said GDP growth and EPS guidance were on track.", &[], &["CEO", "GDP", "EPS"]),
    ("", "The USA team won, and the IPO market reopened.", &[], &["USA", "IPO"]),
    ("", "Gold prices rose to a record as the dollar weakened.", &[], &["GS", "DG", "DLTR"]),
    ("", "Investors bought gold and silver as a hedge.", &[], &["GS"]),
    ("", "Share to Facebook\nShare to Twitter\nCopy link", &[], &["META"]),
    ("", "Facebook Twitter LinkedIn Email", &[], &["META"]),
    ("", "Follow us on Facebook for daily market updates.", &[], &["META"]),
    ("", "There is a gap between supply and demand in housing.", &[], &["GAP"]),
    ("", "A shell company was used to hide the payments.", &[], &["SHEL"]),
    ("", "The delta between the two bond yields widened.", &[], &["DAL"]),
    ("", "The Delta variant spread quickly last summer.", &[], &["DAL"]),
    ("", "He needed a visa to travel for the conference.", &[], &["V"]),
    ("", "The oracle of Omaha spoke at length about patience.", &[], &["ORCL"]),
    ("", "The ball was in the central bank's court.", &[], &["BALL"]),
    ("", "The football coach praised his players.", &[], &["TPR"]),
    ("", "A strong dollar hurt exporters this quarter.", &[], &["DG", "DLTR"]),
    ("", "The Amazon rainforest lost more trees this year.", &[], &["AMZN"]),
    ("", "Consumers chose a ford across the river in ancient times.", &[], &["F"]),
    ("", "Snapple and Applebee's both ran new promotions.", &[], &["AAPL"]),
    ("", "Deepak Mohoni says the market is in a downtrend.", &[], &[]),
    ("", "Jim Rogers says commodities will outperform.", &[], &["ROG"]),
    ("Retailers Target Holiday Shoppers With Early Deals", "Stores are opening earlier this year.", &[], &["TGT"]),
    ("", "The Nasdaq fell 2% while the Dow Jones slipped.", &[], &["NDAQ", "DOW", "NWSA"]),
    ("", "Harrison Ford starred in the new film.", &[], &["F"]),
    ("", "Target price raised to $200 by analysts at a broker.", &[], &["TGT"]),
    ("", "A meta-analysis of the data found no effect.", &[], &["META"]),
    ("", "Meta-analysis shows the drug works.", &[], &["META"]),
    ("", "Ball State University won the game.", &[], &["BALL"]),
    ("", "Visa applications surged at the embassy.", &[], &["V"]),
    ("", "Artificial intelligence (AI) stocks rallied again.", &[], &["AI"]),
    ("", "Information technology (IT) budgets grew.", &[], &["IT"]),
    ("", "Sea levels rose faster than expected.", &[], &["SE"]),
    ("", "A block of shares changed hands before the close.", &[], &["XYZ"]),
    ("", "Block trades surged on the exchange.", &[], &["XYZ"]),
    ("", "The company raised $5 billion and US$200 million in bonds.", &[], &[]),
    ("", "The apple harvest was poor, so cider prices rose.", &[], &["AAPL"]),
    ("", "Snap decisions by the Fed rattled markets.", &[], &["SNAP"]),
    ("", "Square footage of new homes shrank.", &[], &["XYZ"]),
    ("", "Slack demand weighed on factory orders.", &[], &["CRM"]),
    ("", "High BP is a risk factor, doctors said.", &[], &["BP"]),
    ("", "The 300 HP engine impressed reviewers.", &[], &["HPQ"]),
    ("", "SHR 12 CTS VS 10 CTS NET PROFIT UP 20 PCT ON HIGHER REVENUES", &[], &["CTS"]),
    ("", "TAKE A LOOK AT THIS STAR PERFORMER IN THE SOUTHERN MARKETS", &[], &["TAKE.NS", "STAR.NS", "SO"]),
    // --- ambiguous names with company evidence ---
    ("", "Apple shares rose 2% after the company unveiled a new iPhone.", &["AAPL"], &[]),
    ("", "Shares of Target fell after the retailer cut its forecast.", &["TGT"], &[]),
    ("", "Analysts said Gap's quarterly sales beat estimates.", &["GAP"], &[]),
    ("", "Visa and Mastercard reported higher payment volumes.", &["V", "MA"], &[]),
    ("", "Shell raised its dividend after profits jumped.", &["SHEL", "SHEL.L"], &[]),
    ("", "Ford Motor recalled 100,000 trucks.", &["F"], &[]),
    ("", "Ford shares slid after the automaker cut its outlook.", &["F"], &[]),
    ("", "Oracle shares jumped on strong cloud revenue.", &["ORCL"], &[]),
    ("", "Delta Air Lines expects record summer travel demand.", &["DAL"], &[]),
    ("", "Delta said fuel costs rose while bookings held up.", &["DAL"], &[]),
    ("", "Meta shares fell after the company raised its spending plans.", &["META"], &[]),
    ("", "Amazon said Prime Day sales set a record for the online retailer.", &["AMZN"], &[]),
    ("", "Investors cheered as Coach owner Tapestry raised guidance.", &["TPR"], &[]),
    ("", "Dollar General shares plunged after a profit warning.", &["DG"], &[]),
    ("", "Ball Corporation agreed to sell its aerospace unit.", &["BALL"], &[]),
    ("", "APPLE SHARES RISE AFTER EARNINGS", &["AAPL"], &[]),
    ("", "Shares of Amazon rose after the report.", &["AMZN"], &[]),
    ("", "Chief executive Tim Cook said Apple would return more cash to shareholders.", &["AAPL"], &[]),
    ("", "Gold Fields shares rose as bullion prices climbed.", &["GFI"], &["GS"]),
    ("", "General Motors and Ford both raised prices.", &["GM", "F"], &[]),
    ("", "Investors sold $AAPL's shares and bought Nvidia.", &["AAPL", "NVDA"], &[]),
    ("", "Oracle Corp. and Salesforce compete for cloud contracts.", &["ORCL", "CRM"], &[]),
    // --- several companies, several names for one ---
    ("", "Microsoft beat estimates while Intel missed.", &["MSFT", "INTC"], &[]),
    ("", "Alphabet, the parent of Google, and Amazon both gained.", &["GOOGL", "GOOG", "AMZN"], &[]),
    ("", "Goldman Sachs upgraded Nvidia and downgraded Intel.", &["GS", "NVDA", "INTC"], &[]),
    ("", "Exxon Mobil and Chevron posted lower profits.", &["XOM", "CVX"], &[]),
    ("", "Tesla deliveries fell, but Rivian beat expectations.", &["TSLA", "RIVN"], &[]),
    ("", "Infosys and Wipro gained after strong deal wins.", &["INFY", "INFY.NS", "WIT", "WIPRO.NS"], &[]),
    ("", "HDFC Bank and ICICI Bank led the banking index higher.", &["HDB", "HDFCBANK.NS", "IBN", "ICICIBANK.NS"], &[]),
    ("", "Toyota and Honda cut production in Japan.", &["TM", "7203.T", "HMC", "7267.T"], &[]),
    ("", "Siemens and SAP weighed on the DAX.", &["SIEGY", "SIE.DE", "SAP", "SAP.DE"], &[]),
    ("", "Barclays and HSBC reported higher trading income.", &["BCS", "BARC.L", "HSBC", "HSBA.L"], &[]),
];

fn found(title: &str, body: &str) -> BTreeSet<String> {
    let a = analyze(&Article::new(
        if title.is_empty() { None } else { Some(title) },
        body,
    ));
    let mut s: BTreeSet<String> = a
        .ticker_sentiment
        .iter()
        .map(|t| t.ticker.clone())
        .collect();
    for e in a.entities.iter().filter(|e| e.kind == "private") {
        s.insert(format!("@{}", e.name));
    }
    s
}

#[test]
fn trap_corpus_precision_and_recall() {
    assert!(CORPUS.len() >= 60, "the corpus needs at least 60 passages");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for (title, body, present, absent) in CORPUS {
        let got = found(title, body);
        for p in *present {
            if got.contains(*p) {
                tp += 1;
            } else {
                fn_ += 1;
                failures.push(format!("MISSING {p} in {title:?} {body:?} (got {got:?})"));
            }
        }
        // Anything found that is not expected is a false positive, named in `absent` or not.
        for g in &got {
            if !present.contains(&g.as_str()) {
                fp += 1;
                failures.push(format!("UNEXPECTED {g} in {title:?} {body:?}"));
            }
        }
        for a in *absent {
            assert!(
                !present.contains(a),
                "a case lists {a} as both present and absent"
            );
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("trap corpus: {} passages, precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_})", CORPUS.len());
    for f in &failures {
        println!("  {f}");
    }
    assert!(precision >= 0.97, "precision {precision:.3} < 0.97");
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
}
