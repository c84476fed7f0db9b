//! The man page: the checked-in `man/dug.1` is what `support/man_page.rs` renders from dug's
//! clap description today, groff reads it without a warning, and it has the sections and
//! options a reader looks for.

#[path = "support/command.rs"]
mod command;
#[path = "support/man_page.rs"]
mod man_page;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{TIMEOUT, wait_output};

mod common;

fn page_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man/dug.1")
}

#[test]
fn man_page_is_current() {
    let rendered = man_page::render();
    let path = page_path();
    if std::env::var_os("DUG_UPDATE_MAN").is_some() {
        std::fs::write(&path, &rendered).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let checked_in = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        checked_in == rendered,
        "man/dug.1 is stale: run `DUG_UPDATE_MAN=1 cargo test --test man` and commit it"
    );
}

/// `groff ARGS man/dug.1`: (stdout, stderr), after checking it succeeded.
fn groff(args: &[&str]) -> (String, String) {
    let child = Command::new("groff")
        .args(args)
        .arg(page_path())
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run groff (Debian package groff-base; .ci/run installs it): {e}")
        });
    let run = wait_output(child, TIMEOUT, &format!("groff {args:?}"));
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status, 0, "groff {args:?} failed: {stderr}");
    (stdout, stderr)
}

#[test]
fn groff_reads_the_page_without_a_warning() {
    let (_, stderr) = groff(&["-man", "-ww", "-z"]);
    assert_eq!(stderr, "", "groff -man -ww -z man/dug.1 warned");
    let (_, stderr) = groff(&["-man", "-ww", "-Tutf8", "-rLL=80n"]);
    assert_eq!(stderr, "", "groff -man -ww -Tutf8 man/dug.1 warned");
}

#[test]
fn the_page_has_every_section_and_option() {
    // Plain ASCII text: no overstriking, no colours, '-' for \-.
    let (text, _) = groff(&["-man", "-Tascii", "-P-cbou", "-rLL=200n"]);
    // Headings start in the first column and are all capitals.
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|l| !l.contains(|c: char| c.is_ascii_lowercase()))
        .collect();
    assert_eq!(
        headings,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "DUG'S OWN OPTIONS",
            "SIZE",
            "JSON OUTPUT",
            "NCDU EXPORT",
            "PROGRESS AND STOPPING",
            "EXIT STATUS",
            "ENVIRONMENT",
            "EXAMPLES",
            "DIFFERENCES FROM DU",
            "SEE ALSO",
        ]
    );
    let section = |name: &str| -> String {
        text.lines()
            .skip_while(|&l| l != name)
            .skip(1)
            .take_while(|l| l.is_empty() || l.starts_with(' '))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let du_options = section("OPTIONS");
    let own_options = section("DUG'S OWN OPTIONS");
    for spec in dug::cli::OPTIONS {
        let names = spec.long.map(|l| format!("--{l}")).into_iter().chain(
            spec.short
                .iter()
                .take(1)
                .map(|&c| format!("-{}", c as char)),
        );
        let listed_in = if spec.is_du {
            &du_options
        } else {
            &own_options
        };
        for name in names {
            assert!(
                listed_in
                    .lines()
                    .any(|l| l.trim_start().starts_with(&name) || l.contains(&format!(", {name}"))),
                "{name} is not listed under its heading"
            );
        }
    }
    for example in [
        "dug -h -d1 / | sort -h",
        "dug -v /srv",
        "dug -0 -a . | sort -z -rn",
        "dug --json -a . | jq",
    ] {
        assert!(text.contains(example), "example {example:?} missing");
    }
    assert!(text.contains("dug [OPTION]... [FILE]...\n"), "{text}");
    assert!(text.contains("dug [OPTION]... --files0-from=F\n"));
}
