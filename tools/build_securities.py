#!/usr/bin/env python3
"""Build the engine's compact securities master, crates/engine/data/securities.tsv.

Reproducible: reads only ../shared/data (relative to the repo root) and writes one file.

    python3 tools/build_securities.py [--data ../shared/data] [--out crates/engine/data/securities.tsv]

Inputs (licences in README "Tickers and companies"):
  sec_company_tickers_exchange.jsonl  US SEC listings (public data)
  index_members.jsonl                 members of 20 major indices (MIT)
  nse_entity_aliases.csv              NSE symbols with headline name variants (MIT)
  twitter_fin_dev.jsonl               finance tweets (MIT), sentfin_dev.jsonl (headlines,
  sentfin_dev.jsonl, fpb_dev.jsonl    MIT) and fpb_dev.jsonl (PhraseBank, CC BY-NC-SA), only
                                      to flag names that are also common lowercase words
                                      ("Target", "Gap", "Southern"; see WIDER_COMMON_FILES)

Output: one company a line, tab-separated, in priority order (earlier wins an alias clash):
  tickers   comma-separated SYMBOL:EXCHANGE (share classes and dual listings together)
  name      display name
  tier      L (large: large-cap index member or top-500 US listing by the SEC file's
            market-value order), M (mid: mid-cap index or US rank <= 1500), S (other)
            (US listings past rank US_RANK_LIMIT are kept only when an index holds them)
  aliases   ';'-separated; prefix '~' = also a common word (needs company evidence),
            '=' = match case-exactly (acronyms)
"""
import argparse
import collections
import csv
import json
import os
import re

LEGAL = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc",
    "ag", "se", "sa", "nv", "n.v", "s.a", "llc", "lp", "l.p", "spa", "s.p.a", "oyj", "ab",
    "asa", "a/s", "as", "kgaa", "bhd", "tbk", "pte", "holding", "the", "com",
}
# Trailing SEC filing annotations: "/DE/", "/NEW/", "\\MD\\".
ANNOT = re.compile(r"\s*[/\\][A-Z ]{1,12}[/\\]?\s*$")
LARGE_INDICES = {
    "S&P 500", "NASDAQ 100", "S&P 100", "DOW JONES", "FTSE 100", "DAX", "CAC_40",
    "EURO STOXX 50", "NIKKEI 225", "IBEX 35", "AEX", "Switzerland 20", "OMX Stockholm 30",
    "OMX Helsinki 25", "BEL 20",
}
MID_INDICES = {"MDAX", "CAC Mid 60", "TecDAX"}
# US rank (SEC file order is by market value) bounds of the large and mid tiers.
LARGE_RANK = 500
MID_RANK = 1500
# US listings past this rank that no index holds are left out: a universe the size of the
# Russell 3000; the micro-caps past it were a third of the blob (26.5 KB of its 90.4 KB gzip)
# that every visitor downloads, and their press releases name their symbol ("(NASDAQ: XYZ)"),
# which resolves without the master.
US_RANK_LIMIT = 3000
YAHOO_EXCHANGE = {
    "L": "LSE", "DE": "XETRA", "F": "FRA", "PA": "Euronext Paris", "AS": "Euronext Amsterdam",
    "BR": "Euronext Brussels", "MI": "Borsa Italiana", "MC": "BME", "SW": "SIX", "ST": "Nasdaq Stockholm",
    "HE": "Nasdaq Helsinki", "T": "TSE", "CO": "Nasdaq Copenhagen", "OL": "Oslo", "IR": "Euronext Dublin",
    "LS": "Euronext Lisbon", "VI": "Vienna",
}
# Small funds and blank-cheque shells are rarely news subjects; leaving them out keeps the
# table inside its size budget.
SMALL_SKIP = re.compile(r"\b(ETF|ETN|Funds?|Municipal|Portfolio|Acquisition|Opportunities)\b", re.I)
# Acronyms that are never company names on their own.
ACRONYM_STOP = {
    "IT", "ALL", "ON", "NOW", "A", "AI", "CEO", "CFO", "COO", "GDP", "EPS", "USA", "US", "UK", "EU",
    "IPO", "ETF", "SEC", "FDA", "VIP", "RBI", "NSE", "BSE", "PSU", "FII", "FIIS", "DII", "NBFC", "IMF",
    "FED", "OPEC", "GST", "CPI", "PMI", "Q1", "Q2", "Q3", "Q4", "FY", "YOY", "NAV", "AGM", "EGM",
    "CEOS", "LNG", "OIL", "GAS", "BANK", "BANKS", "IIP", "FDI", "NPA", "NPAS", "PE", "MF", "MFS",
}


# Place words that start many Indian company names; never a name on their own.
PLACE_WORDS = {
    "india", "indian", "bharat", "hindustan", "national", "bombay", "gujarat", "tamil", "punjab", "kerala",
    "karnataka", "andhra", "madras", "delhi", "mumbai", "bengal", "orient", "oriental", "southern",
    "eastern", "western", "northern", "central", "united", "asian", "global", "international", "first",
}


def first_word(name):
    ws = name.split()
    return ws[0] if ws else ""


def words(s):
    return re.findall(r"[A-Za-z0-9&'.-]+", s)


def normalise(name):
    """Company name without legal suffixes, filing annotations or a leading 'The'."""
    n = ANNOT.sub("", name).strip()
    n = re.sub(r"\([^)]*\)", " ", n)  # "(India)", "(The)"
    n = n.replace(",", " ")
    toks = n.split()
    while toks and toks[-1].lower().rstrip(".") in LEGAL:
        toks.pop()
    while toks and toks[0].lower() == "the":
        toks.pop(0)
    while toks and toks[-1].lower() in {"and", "&"}:
        toks.pop()
    return " ".join(toks).strip(" .-&")


def display(name):
    """Readable name: SEC's ALL CAPS words in title case; acronyms (<= 3 letters, or 4 with
    at most one vowel: "MSCI") kept."""
    n = ANNOT.sub("", name).strip()
    out = []
    for w in n.split():
        core = re.sub(r"[^A-Za-z]", "", w)
        vowels = sum(ch in "AEIOUY" for ch in core)
        legal = core.lower() in {"inc", "co", "the", "and", "of", "for", "com", "corp", "ltd", "plc", "llc"}
        acronym = not legal and (len(core) <= 3 or len(core) == 4 and vowels <= 1)
        if core.isupper() and not acronym:
            out.append(w[:1] + w[1:].lower())
        else:
            out.append(w)
    return " ".join(out)


def lowercase_counts(data, name):
    """How often each word is seen lowercase in a finance-news corpus: a name seen lowercase
    is a common word."""
    c = collections.Counter()
    with open(os.path.join(data, name), encoding="utf-8") as f:
        for line in f:
            # Not the words of web and mail addresses ("www.kesko.fi"): names, not words.
            text = WEB_ADDRESS.sub(" ", json.loads(line)["text"])
            c.update(w for w in re.findall(r"[A-Za-z]+", text) if w.islower())
    return c


WEB_ADDRESS = re.compile(r"\S*(?:://|www\.|@|\.(?:com|net|org|fi|se|de|co|in|uk|io)\b)\S*")


# A one-word name that is also an English word is checked against more text than the tweets
# (SEntFiN, MIT; the PhraseBank, CC BY-NC-SA, which the sentiment model already learns from;
# not Reuters, licensed for tuning topic rules only): "Rural households" is not Rural
# Electrification, "Transport costs" not Transport Corporation of India, "Precision Optics
# Corporation" not Corporation Bank, "Southern California" not Southern Co. An NSE company's
# words (and the first words that become its short name) count as common when seen lowercase
# once: a bare word rarely means an Indian small cap. Other companies' words need one in the
# tweets, as before, or two in the wider text, since news writes their brands bare
# ("Workday", "Visa") and one lowercase use may be a slip. Measured on all 30,455 records of
# ../shared/data (README "Tickers").
WIDER_COMMON_FILES = ("sentfin_dev.jsonl", "fpb_dev.jsonl")


def alias_entry(alias, common):
    a = alias.strip()
    if len(a) < 3 or a.upper() in ACRONYM_STOP or not re.search(r"[A-Za-z]{2}", a):
        return None
    ws = a.split()
    letters = re.sub(r"[^A-Za-z]", "", a)
    if letters and a.upper() == a and len(ws) == 1:
        # An acronym: match it case-exactly; a short one also needs company evidence.
        return ("=~" if len(letters) <= 3 else "=") + a
    if all(w.lower().strip(".&'-") in common or not w[:1].isalpha() for w in ws):
        return "~" + a
    return a


def alias_words(alias):
    return tuple(re.findall(r"[a-z0-9]+", alias.lstrip("=~^$!").lower()))


def prune(rows, curated_path):
    """The lines of `rows` (line, aliases, past the rank limit), without the companies past
    US_RANK_LIMIT, except those with a name that holds a kept company's name inside it: left
    out, "Clean Energy Fuels" would be read as Energy Fuels, "Palmer Square Capital BDC" as
    Square."""
    kept = {alias_words(a) for _, als, past in rows if not past for a in als}
    with open(curated_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split("|")
            if line.startswith("#") or len(parts) < 4 or parts[0].strip() == "!":
                continue
            kept |= {alias_words(a) for a in parts[3].split(";") if not a.strip().startswith("!")}
    kept.discard(())

    def shadows(alias):
        ws = alias_words(alias)
        return any(ws[i:j] in kept for i in range(len(ws)) for j in range(i + 1, len(ws) + 1) if j - i < len(ws))

    return [line for line, als, past in rows if not past or any(shadows(a) for a in als)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "crates", "engine", "data", "securities.tsv"))
    args = ap.parse_args()
    tweets = lowercase_counts(args.data, "twitter_fin_dev.jsonl")
    wider = sum((lowercase_counts(args.data, f) for f in WIDER_COMMON_FILES), tweets.copy())
    common = set(tweets)  # multi-word names: every word seen lowercase in the tweets
    common_nse = set(wider)
    common_wide = common | {w for w, n in wider.items() if n >= 2}

    # --- US listings, grouped by CIK (one company, several share classes) ---
    companies = []  # dict(tickers=[(sym, exch)], name, tier, aliases=[...])
    by_cik = collections.OrderedDict()
    with open(os.path.join(args.data, "sec_company_tickers_exchange.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            # OTC and unlisted rows are mostly shells and foreign ADR lines; leaving them out
            # halves the table (size budget) at little cost to news coverage.
            if r["exchange"] not in ("Nasdaq", "NYSE", "CBOE"):
                continue
            by_cik.setdefault(r["cik"], []).append(r)
    by_ticker = {}
    for rank, (cik, rows) in enumerate(by_cik.items()):
        main_t = rows[0]["ticker"]
        root = main_t.split("-")[0]
        keep = []
        for r in rows:
            t = r["ticker"]
            same_class = "-" in t and t.split("-")[0] == root and len(t.split("-")[1]) == 1 and t.split("-")[1] in "ABCK"
            dropped_letter = t == main_t[:-1] or main_t == t[:-1] and t[-1] in "AKL"
            if t == main_t or same_class or dropped_letter:
                keep.append((t.replace("-", "."), r["exchange"]))
        tier = "L" if rank < LARGE_RANK else "M" if rank < MID_RANK else "S"
        if tier == "S" and SMALL_SKIP.search(rows[0]["name"]):
            continue
        name = display(rows[0]["name"])
        c = {"tickers": keep, "name": name, "tier": tier, "aliases": [normalise(name)], "rank": rank}
        companies.append(c)
        for t, _ in keep:
            by_ticker[t] = c

    # --- index members: tier for US members, new companies for foreign ones ---
    members = collections.OrderedDict()
    with open(os.path.join(args.data, "index_members.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("symbol"):
                continue
            members.setdefault(r["symbol"], {"r": r, "indices": set()})["indices"].add(r["index"])
    foreign = []
    for sym, m in members.items():
        r, idx = m["r"], m["indices"]
        tier = "L" if idx & LARGE_INDICES else "M" if idx & MID_INDICES else "S"
        us = by_ticker.get(sym.replace("-", "."))
        if "." not in sym and us is not None:
            us["indexed"] = True
            us["tier"] = min(us["tier"], tier, key="LMS".index)
            us["aliases"].append(normalise(display(r["name"])))
            continue
        suffix = sym.rsplit(".", 1)[-1] if "." in sym else ""
        exch = YAHOO_EXCHANGE.get(suffix)
        if exch is None:
            continue
        # A foreign company with a US listing in the SEC list joins that company.
        adr = next((by_ticker[y] for y in r["yahoo"] if "." not in y and y in by_ticker), None)
        if adr is not None:
            adr["indexed"] = True
            adr["tickers"].append((sym, exch))
            adr["tier"] = min(adr["tier"], tier, key="LMS".index)
            adr["aliases"].append(normalise(display(r["name"])))
            continue
        foreign.append({"tickers": [(sym, exch)], "name": r["name"], "tier": tier, "aliases": [normalise(r["name"])]})

    # --- NSE: companies (rows naming a legal entity), not sector buckets ---
    nse = []
    nse_first = []
    legal_tail = re.compile(r"\b(Ltd|Limited|Bank|Corp|Corporation|Co|Company|Industries|Inc)\.?(\s+of\s+\w+)?$")
    with open(os.path.join(args.data, "nse_entity_aliases.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sym = row["Symbol"]
            variants = [v.strip() for v in row["Entity"].split(",") if v.strip()]
            if not any(legal_tail.search(v) for v in variants):
                continue
            if any(v[:1].islower() and " " in v for v in variants):
                continue
            # Market indices and exchanges ("Sensex", "Nifty") are not companies.
            if any(re.search(r"\b(nifty|sensex|nify|exchange)\b", v, re.I) for v in variants):
                continue
            names = [v for v in variants if v != sym]
            full = max(names, key=len) if names else sym
            # "HINDALCO" is also written "Hindalco" in headlines: match it as a name.
            als = [v.title() if v.isalpha() and v.isupper() and len(v) >= 5 else normalise(v) for v in variants]
            nse_first.append(first_word(full))
            nse.append({"tickers": [(sym + ".NS", "NSE")], "name": full.rstrip("."), "tier": "S", "aliases": als})

    # The first word of an NSE company's name is how headlines shorten it ("Maruti Suzuki
    # India" -> "Maruti") when no other company's name starts with it and it is no common word.
    starts = collections.Counter(w for c in companies + foreign + nse for w in {first_word(a).lower() for a in c["aliases"]})
    for c, fw in zip(nse, nse_first):
        if len(fw) >= 5 and fw.isalpha() and fw[0].isupper() and starts[fw.lower()] == 1 and fw.lower() not in common_nse and fw.lower() not in PLACE_WORDS:
            c["aliases"].append(fw)

    rows = []
    for c in companies + foreign + nse:
        seen, als = set(), []
        for a in c["aliases"]:
            one_word = " " not in a.strip()
            nse_only = all(x == "NSE" for _, x in c["tickers"])
            e = alias_entry(a, (common_nse if nse_only else common_wide) if one_word else common)
            if e and e.lstrip("=~").lower() not in seen:
                seen.add(e.lstrip("=~").lower())
                als.append(e)
        if not als:
            continue
        ticks = ",".join(f"{t}:{x}" for t, x in c["tickers"])
        line = f"{ticks}\t{c['name']}\t{c['tier']}\t{';'.join(als)}"
        rows.append((line, als, c.get("rank", 0) >= US_RANK_LIMIT and not c.get("indexed")))
    lines = prune(rows, os.path.join(here, "..", "crates", "engine", "data", "aliases.txt"))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/build_securities.py from ../shared/data; do not edit.\n")
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} companies to {args.out}")


if __name__ == "__main__":
    main()
