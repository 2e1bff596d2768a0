//! Test harness: fixture loader, temp dirs and a wrapper around the `avtale` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All fixture files, sorted by name.
pub fn fixture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

/// Parses a fixture by file name (e.g. `2019-helsefellesskap.txt`), as the CLI does.
pub fn parse_fixture(name: &str) -> avtale::Document {
    let path = root().join("fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    avtale::parse_bytes(name, &bytes, avtale::decode::DEFAULT_MAX_BYTES).expect("fixture decodes")
}

/// A command running the real `avtale` binary.
pub fn avtale() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_avtale"));
    cmd.env_remove("NO_COLOR").current_dir(root());
    cmd
}

/// Runs `avtale` with `args`, feeding `stdin`, and returns its output.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = avtale()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the avtale binary runs");
    child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(stdin)
        .ok();
    child.wait_with_output().expect("avtale finishes")
}

/// A temporary directory removed on drop.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A fresh empty directory.
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes `bytes` to `rel` inside the directory, creating parents.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.tmp.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}
