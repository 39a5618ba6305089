//! Merges the securities master's text sources (`data/`) into the compact blob the engine
//! embeds (`$OUT_DIR/securities.bin`), so the first analysis reads the master instead of
//! parsing, hashing and sorting it; and codes the sentiment model (`model/sentiment.bin`)
//! into its embedded form (`$OUT_DIR/sentiment.rans`, see `src/sentiment/model_blob.rs`).
//! Reads only files of this crate; deterministic.

use std::path::Path;

// Decoding is used only to check each blob before writing it.
#[path = "src/tickers/master_blob.rs"]
mod master_blob;
#[path = "src/sentiment/model_blob.rs"]
mod model_blob;

/// The inputs and code: the blobs change when any of them does.
const INPUTS: &[&str] = &[
    "data/aliases.txt",
    "data/private.txt",
    "data/securities.tsv",
    "src/tickers/master_blob.rs",
    "model/sentiment.bin",
    "src/sentiment/model_blob.rs",
    "build.rs",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn main() {
    for path in INPUTS {
        println!("cargo:rerun-if-changed={path}");
    }
    let table = master_blob::in_compact_order(master_blob::merge(
        &read("data/aliases.txt"),
        &read("data/private.txt"),
        &read("data/securities.tsv"),
    ));
    let blob = master_blob::encode(&table);
    // The reader must give back the merged master.
    let names = master_blob::names(&blob).expect("the blob's names just written read back");
    let back = master_blob::decode(&blob, &names).expect("the blob just written reads back");
    assert!(
        back.reads_as(&table),
        "the blob reads back as the merged table"
    );
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&out).join("securities.bin");
    std::fs::write(&path, &blob).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));

    // The sentiment model: its bucket codes entropy-coded, the header as it is.
    let model = std::fs::read("model/sentiment.bin").expect("reading model/sentiment.bin");
    let (header, codes) = model.split_at(model_blob::MODEL_HEADER);
    let coded = model_blob::encode(header, codes);
    assert_eq!(
        model_blob::decode(&coded).expect("the coded model just written reads back"),
        model,
        "the coded model decodes to the model file"
    );
    let path = Path::new(&out).join("sentiment.rans");
    std::fs::write(&path, &coded).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
