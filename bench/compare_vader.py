"""Run vaderSentiment and `newsgauge batch` on the same inputs and compare them.

Called by bench/compare_vader.sh (which makes the venv and builds the binary); stdlib only.

Fairness, stated in the output too:
- VADER's rate counts only its scoring loop (no interpreter start, no file reading): the
  most favourable figure for VADER. It scores sentiment only.
- newsgauge's rate is the whole process wall time (start-up, JSON parsing, the complete
  analysis: sentiment, tickers, topics, events, impact, summary; JSON output written to
  a file): the least favourable figure for newsgauge.
- newsgauge's figure is the best of RUNS (default 3) runs; VADER runs once (it is slow).
- newsgauge runs twice: one thread (RAYON_NUM_THREADS=1, comparable with VADER's single
  core) and all cores.
"""

import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATA = Path(os.environ.get("NEWSGAUGE_DATA", ROOT.parent / "shared" / "data"))
BIN = os.environ.get("NEWSGAUGE_BIN", str(ROOT / "target" / "native-release" / "newsgauge"))
PARTS_BIN = os.environ.get("PARTS_BIN", str(ROOT / "target" / "native-release" / "examples" / "throughput_parts"))
VENV_PY = sys.executable
FPB_REPEAT = int(os.environ.get("FPB_REPEAT", "20"))
REUTERS_REPEAT = int(os.environ.get("REUTERS_REPEAT", "2"))
BIG_BYTES = 10 * 1024 * 1024
# newsgauge runs are short: keep the best of a few to damp noise from other work.
RUNS = int(os.environ.get("RUNS", "3"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_inputs():
    """The same JSON Lines inputs for both tools, and the 10 MB text."""
    OUT.mkdir(parents=True, exist_ok=True)
    fpb = read_jsonl(DATA / "fpb_dev.jsonl")
    reuters = read_jsonl(DATA / "reuters_modapte_dev.jsonl")
    inputs = {}
    path = OUT / "fpb.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        for _ in range(FPB_REPEAT):
            for row in fpb:
                n += 1
                f.write(json.dumps({"id": n, "text": row["text"]}) + "\n")
    inputs["fpb"] = (path, n, f"Financial PhraseBank sentences ({len(fpb)} x {FPB_REPEAT})")
    path = OUT / "reuters.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        for _ in range(REUTERS_REPEAT):
            for row in reuters:
                n += 1
                f.write(json.dumps({"id": n, "title": row.get("title", ""), "text": row["text"]}) + "\n")
    inputs["reuters"] = (path, n, f"Reuters-21578 full articles ({len(reuters)} x {REUTERS_REPEAT})")
    # 10 MB: whole Reuters articles, blank-line separated, repeated until 10 MiB, cut on
    # a character boundary.
    parts, size = [], 0
    while size < BIG_BYTES:
        for row in reuters:
            p = (row.get("title", "") + "\n\n" + row["text"] + "\n\n").encode("utf-8")
            parts.append(p)
            size += len(p)
            if size >= BIG_BYTES:
                break
    big = b"".join(parts)[:BIG_BYTES].decode("utf-8", errors="ignore").encode("utf-8")
    (OUT / "big_10mb.txt").write_bytes(big)
    return inputs


def timed(cmd, env=None, stdout=subprocess.DEVNULL):
    """Run under /usr/bin/time -v: (wall seconds, CPU seconds (user + system), peak RSS in
    MB, exit code, stdout)."""
    full_env = dict(os.environ)
    for k, v in (env or {}).items():
        if v is None:
            full_env.pop(k, None)
        else:
            full_env[k] = v
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], env=full_env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss_mb = int(m.group(1)) / 1024 if m else float("nan")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
    return wall, cpu, rss_mb, p.returncode, p.stdout


def run_vader(path):
    wall, cpu, rss, code, out = timed(
        [VENV_PY, str(ROOT / "bench" / "vader_worker.py"), str(path)], stdout=subprocess.PIPE
    )
    if code != 0:
        raise SystemExit("vader failed")
    r = json.loads(out)
    return {
        "docs": r["docs"],
        "process_seconds": wall,
        "process_cpu_seconds": cpu,
        "loop_seconds": r["loop_seconds"],
        "loop_cpu_seconds": r["loop_cpu_seconds"],
        "peak_rss_mb": rss,
    }


def run_newsgauge(path, threads, expected):
    """Best (lowest wall time) of RUNS runs; CPU time and peak RSS from that run."""
    out_path = OUT / f"{path.stem}.{threads or 'all'}.out.jsonl"
    # threads 0: all cores (rayon's default, one worker per core).
    env = {"RAYON_NUM_THREADS": str(threads) if threads else None}
    best = None
    for _ in range(RUNS):
        wall, cpu, rss, code, _ = timed(
            [BIN, "batch", "--no-progress", "--input", str(path), "--output", str(out_path)], env=env
        )
        if code != 0:
            raise SystemExit(f"newsgauge batch exited {code}")
        if best is None or wall < best[0]:
            best = (wall, cpu, rss)
    wall, cpu, rss = best
    with open(out_path, encoding="utf-8") as f:
        lines = sum(1 for _ in f)
    if lines != expected:
        raise SystemExit(f"newsgauge wrote {lines} lines for {expected} inputs")
    return {"docs": lines, "process_seconds": wall, "process_cpu_seconds": cpu, "peak_rss_mb": rss}


def run_parts(path):
    """The two parts of newsgauge's time per document, measured apart on one thread by
    crates/engine/examples/throughput_parts.rs: the complete analysis alone, and writing its
    JSON line alone (into memory). The JSON part bounds what any complete analysis written
    as JSON Lines can reach on this machine, however fast the analysis."""
    p = subprocess.run([PARTS_BIN, str(path), "1"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
        raise SystemExit(f"throughput_parts exited {p.returncode}")
    analysis = re.search(r"complete analysis alone:\s+(\d+) docs/s", p.stdout)
    out = re.search(r"JSON output alone:\s+(\d+) docs/s\s+\((\d+) bytes a line", p.stdout)
    if not (analysis and out):
        raise SystemExit(f"throughput_parts printed no figures:\n{p.stdout}")
    return {
        "analysis_docs_per_s": int(analysis.group(1)),
        "json_docs_per_s": int(out.group(1)),
        "json_bytes_per_line": int(out.group(2)),
    }


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    mem_kb = 0
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    vader = subprocess.run(
        [VENV_PY, "-c", "import importlib.metadata as m; print(m.version('vaderSentiment'))"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "vaderSentiment": vader,
        "rustc": rustc,
    }


def main():
    if not (DATA / "fpb_dev.jsonl").exists():
        raise SystemExit(f"compare_vader: data not found at {DATA} (set NEWSGAUGE_DATA)")
    inputs = write_inputs()
    results = {"machine": machine(), "load_average_at_start": os.getloadavg(), "corpora": {}}
    rows = []
    for key, (path, n, desc) in inputs.items():
        print(f"== {desc}: {n} documents, {path.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
        vader = run_vader(path)
        one = run_newsgauge(path, 1, n)
        allc = run_newsgauge(path, 0, n)
        r = {
            "description": desc,
            "documents": n,
            "bytes": path.stat().st_size,
            "vader": vader,
            "newsgauge_1_thread": one,
            "newsgauge_all_cores": allc,
            # Wall-clock rates.
            "vader_docs_per_s": n / vader["loop_seconds"],
            "newsgauge_1_thread_docs_per_s": n / one["process_seconds"],
            "newsgauge_all_cores_docs_per_s": n / allc["process_seconds"],
            # Per CPU-second: robust to other load on a shared machine.
            "vader_docs_per_cpu_s": n / vader["loop_cpu_seconds"],
            "newsgauge_docs_per_cpu_s": n / one["process_cpu_seconds"],
        }
        r["ratio_1_thread"] = r["newsgauge_1_thread_docs_per_s"] / r["vader_docs_per_s"]
        r["ratio_all_cores"] = r["newsgauge_all_cores_docs_per_s"] / r["vader_docs_per_s"]
        r["ratio_per_cpu_s"] = r["newsgauge_docs_per_cpu_s"] / r["vader_docs_per_cpu_s"]
        r["parts_1_thread"] = run_parts(path)
        # Writing the JSON lines alone, nothing analysed, on every core: the most any
        # complete analysis written as JSON can reach here.
        r["json_only_ceiling_ratio"] = (
            r["parts_1_thread"]["json_docs_per_s"] * (os.cpu_count() or 1) / r["vader_docs_per_s"]
        )
        results["corpora"][key] = r
        rows.append(r)
        print(f"   VADER {r['vader_docs_per_s']:,.0f}/s; newsgauge 1 thread {r['newsgauge_1_thread_docs_per_s']:,.0f}/s, "
              f"all cores {r['newsgauge_all_cores_docs_per_s']:,.0f}/s", file=sys.stderr)

    big = OUT / "big_10mb.txt"
    big_out = OUT / "big_10mb.analysis.json"
    with open(big_out, "w", encoding="utf-8") as f:
        wall, cpu, rss, code, _ = timed([BIN, "analyze", str(big)], stdout=f)
    if code != 0:
        raise SystemExit(f"newsgauge analyze exited {code}")
    analysis = json.loads(big_out.read_text(encoding="utf-8"))
    results["big_text"] = {
        "bytes": big.stat().st_size,
        "seconds": wall,
        "cpu_seconds": cpu,
        "peak_rss_mb": rss,
        "analyzed_bytes": analysis.get("analyzed_bytes"),
        "truncated": analysis.get("truncated"),
    }
    results["load_average_at_end"] = os.getloadavg()
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    m = results["machine"]
    la0, la1 = results["load_average_at_start"][0], results["load_average_at_end"][0]
    md = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['os']}; {m['rustc']}; "
        f"Python {m['python']}, vaderSentiment {m['vaderSentiment']}. "
        f"1-minute load average {la0:.1f} at start, {la1:.1f} at end (other work on the machine).",
        "",
        "| corpus | docs | VADER docs/s (1 core) | newsgauge docs/s, 1 thread | ratio | newsgauge docs/s, all cores | ratio "
        "| per CPU-second: VADER / newsgauge (ratio) | peak RSS: VADER / newsgauge 1 thread / all cores |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        md.append(
            f"| {r['description']} | {r['documents']:,} | {r['vader_docs_per_s']:,.0f} "
            f"| {r['newsgauge_1_thread_docs_per_s']:,.0f} | {r['ratio_1_thread']:.1f}x "
            f"| {r['newsgauge_all_cores_docs_per_s']:,.0f} | {r['ratio_all_cores']:.1f}x "
            f"| {r['vader_docs_per_cpu_s']:,.0f} / {r['newsgauge_docs_per_cpu_s']:,.0f} ({r['ratio_per_cpu_s']:.1f}x) "
            f"| {r['vader']['peak_rss_mb']:.0f} / {r['newsgauge_1_thread']['peak_rss_mb']:.0f} "
            f"/ {r['newsgauge_all_cores']['peak_rss_mb']:.0f} MB |"
        )
    md += [
        "",
        "Where newsgauge's time per document goes (one thread, measured apart by "
        "`crates/engine/examples/throughput_parts.rs`; the JSON part is the output line alone, "
        "written into memory):",
        "",
        "| corpus | complete analysis alone, docs/s | JSON output alone, docs/s | bytes a line "
        "| JSON alone on all cores, against VADER |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        pr = r["parts_1_thread"]
        md.append(
            f"| {r['description']} | {pr['analysis_docs_per_s']:,} | {pr['json_docs_per_s']:,} "
            f"| {pr['json_bytes_per_line']:,} | {r['json_only_ceiling_ratio']:.0f}x |"
        )
    b = results["big_text"]
    md += [
        "",
        f"10 MB text (`newsgauge analyze`, {b['bytes']:,} bytes): {b['seconds']:.2f} s wall, peak RSS "
        f"{b['peak_rss_mb']:.0f} MB (analyzed_bytes {b['analyzed_bytes']:,}, truncated {str(b['truncated']).lower()}).",
        "",
        "VADER: scoring loop only (no start-up or file reading), sentiment only, one run. newsgauge: whole "
        f"process (start-up, JSON in and out, complete analysis), best of {RUNS} runs.",
    ]
    text = "\n".join(md) + "\n"
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
