//! Merges the securities master's text sources (`data/`) into the compact blob the engine
//! embeds (`$OUT_DIR/securities.bin`), so the first analysis reads the master instead of
//! parsing, hashing and sorting it. Reads only files of this crate; deterministic.

use std::path::Path;

// Decoding is used only to check the blob before writing it.
#[path = "src/tickers/master_blob.rs"]
mod master_blob;

/// The merge's inputs and code: the blob changes when any of them does.
const INPUTS: &[&str] = &[
    "data/aliases.txt",
    "data/private.txt",
    "data/securities.tsv",
    "src/tickers/master_blob.rs",
    "build.rs",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn main() {
    for path in INPUTS {
        println!("cargo:rerun-if-changed={path}");
    }
    let table = master_blob::merge(
        &read("data/aliases.txt"),
        &read("data/private.txt"),
        &read("data/securities.tsv"),
    );
    let blob = master_blob::encode(&table);
    // The reader must give back the merged master.
    let back = master_blob::decode(&blob).expect("the blob just written reads back");
    assert!(
        back.reads_as(&table),
        "the blob reads back as the merged table"
    );
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&out).join("securities.bin");
    std::fs::write(&path, &blob).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
