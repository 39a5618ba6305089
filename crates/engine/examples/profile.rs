//! A steady loop of full analyses for profilers (`perf record`, `valgrind --tool=callgrind`):
//! `cargo run -p newsgauge-engine --profile native-release --example profile -- [words] [iterations]`.
//!
//! The article is the browser benchmarks' paragraph pool (bench/paragraphs.txt) repeated to
//! `words` words (default 1,000), analysed `iterations` times (default 200).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use newsgauge_engine::{analyze, Article};

/// Counts allocations, so a change's effect on them is visible next to its time.
struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED.fetch_add(new_size, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The browser benchmarks' paragraph pool (bench/articles.mjs reads the same file).
const PARAGRAPHS: &str = include_str!("../../../bench/paragraphs.txt");

fn main() {
    let mut args = std::env::args().skip(1);
    let words: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let iterations: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let pool: Vec<&str> = PARAGRAPHS.lines().filter(|l| !l.is_empty()).collect();
    let mut parts = Vec::new();
    let mut n = 0;
    for i in 0.. {
        if n >= words {
            break;
        }
        let p = pool[i % pool.len()];
        n += p.split_whitespace().count();
        parts.push(p);
    }
    let article = Article::new(None, &parts.join(" "));
    let t = Instant::now();
    std::hint::black_box(analyze(&article));
    let first = t.elapsed();
    let (n0, b0) = (ALLOCATIONS.load(Relaxed), ALLOCATED.load(Relaxed));
    std::hint::black_box(analyze(&article));
    let (n1, b1) = (ALLOCATIONS.load(Relaxed), ALLOCATED.load(Relaxed));
    let mut times: Vec<f64> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(&article));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{words} words: first {:.2} ms, median of {iterations} {:.3} ms; {} allocations ({} KB) per analysis",
        first.as_secs_f64() * 1e3,
        times[times.len() / 2],
        n1 - n0,
        (b1 - b0) / 1024
    );
}
