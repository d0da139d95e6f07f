//! Fingerprints the code that decides what a digest's graph holds — the text crate (parsing,
//! extraction, word-list handling) and the RDF writer (`src/rdf`) — so that `build` reads a digest
//! again after an upgrade that changed that code, even when the version number did not change. The
//! hash is exposed to the crate as `PAPERKG_EXTRACTOR_SOURCE`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The code a digest graph depends on, relative to the package root.
const SOURCES: [&str; 2] = ["crates/text/src", "src/rdf"];

/// Hex digits of the hash kept: enough to tell two versions apart.
const HEX: usize = 16;

fn main() {
    let mut files = Vec::new();
    for dir in SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        rust_files(Path::new(dir), &mut files);
    }
    // Sorted, and each file's path hashed with its text, so that the hash depends on neither the
    // order the file system lists files in nor a file moving its text to another.
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        hash.update(f.to_string_lossy().as_bytes());
        hash.update(std::fs::read(f).expect("a source file is readable"));
    }
    let hex: String = hash.finalize()[..HEX / 2]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("cargo:rustc-env=PAPERKG_EXTRACTOR_SOURCE={hex}");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder is readable") {
        let path = entry.expect("a source folder is readable").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
