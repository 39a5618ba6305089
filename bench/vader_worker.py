"""Score every record of a JSON Lines file with VADER (vaderSentiment), on one core.

Usage: python vader_worker.py FILE.jsonl
Prints one JSON object: documents scored and the seconds spent in the scoring loop only
(reading the file and building the analyzer are excluded, which favours VADER), as wall
time and as CPU time (the fairer figure on a busy machine).
A record's text is its "title" (when present), a blank line, then its "text": the same
input `newsgauge batch` receives.
"""

import json
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main() -> None:
    docs = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text", "")
            if row.get("title"):
                text = row["title"] + "\n\n" + text
            docs.append(text)
    analyzer = SentimentIntensityAnalyzer()
    start, cpu_start = time.perf_counter(), time.process_time()
    checksum = 0.0
    for d in docs:
        checksum += analyzer.polarity_scores(d)["compound"]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"docs": len(docs), "loop_seconds": seconds, "loop_cpu_seconds": cpu, "checksum": checksum}))


if __name__ == "__main__":
    main()
