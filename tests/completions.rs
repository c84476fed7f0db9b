//! Shell completions: the scripts checked in under `completions/` are what clap_complete renders
//! from dug's clap description today, and bash and fish, given them, complete `dug --ma` to
//! `--max-depth` and offer --time-style's words; zsh accepts its script.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap_complete::Shell;
use common::{TIMEOUT, wait_output};

#[path = "support/command.rs"]
mod command;
mod common;

/// Each shell and the file its script is checked in as (the names the shells look up:
/// bash-completion's `dug`-named file, zsh's `_dug` function file, fish's `dug.fish`).
const SCRIPTS: &[(Shell, &str)] = &[
    (Shell::Bash, "dug.bash"),
    (Shell::Zsh, "_dug"),
    (Shell::Fish, "dug.fish"),
];

fn script_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(name)
}

fn render(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command::command(), "dug", &mut out);
    out
}

#[test]
fn completion_scripts_are_current() {
    let update = std::env::var_os("DUG_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for &(shell, name) in SCRIPTS {
        let rendered = render(shell);
        let path = script_path(name);
        if update {
            std::fs::write(&path, &rendered).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        let checked_in = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if checked_in != rendered {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} stale: run `DUG_UPDATE_COMPLETIONS=1 cargo test --test \
         completions` and commit them"
    );
}

/// Runs `shell ARGS` and returns its stdout, failing the test on a non-zero status or any
/// output on stderr.
fn shell(program: &str, args: &[&str]) -> String {
    // An empty home: no user's rc files are read, and what a shell writes there (fish keeps
    // its variables under ~/.config) goes away with it.
    let home = common::temp_root();
    let child = Command::new(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} (Debian package {program}; .ci/run installs it): {e}")
        });
    let run = wait_output(child, TIMEOUT, &format!("{program} {args:?}"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status == 0 && stderr.is_empty(),
        "{program} {args:?}: status {}, stderr:\n{stderr}",
        run.status
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// What bash's completion function offers for the command line `words`, cursor at the end,
/// as bash itself calls it on TAB.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = format!(
        "source completions/dug.bash\n\
         COMP_WORDS=({words})\n\
         COMP_CWORD={cword}\n\
         COMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         COMP_TYPE=9\n\
         _dug dug '{cur}' '{prev}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" "),
        cword = words.len() - 1,
        line = words.join(" "),
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    shell("bash", &["--norc", "--noprofile", "-c", &script])
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_long_options_and_their_values() {
    assert_eq!(bash_complete(&["dug", "--ma"]), ["--max-depth"]);
    let mut offered = bash_complete(&["dug", "--j"]);
    offered.sort();
    assert_eq!(offered, ["--json"]);
    let mut styles = bash_complete(&["dug", "--time-style", ""]);
    styles.sort();
    assert_eq!(styles, ["full-iso", "iso", "long-iso"]);
}

#[test]
fn fish_completes_long_options_and_their_values() {
    let complete = |line: &str| -> Vec<String> {
        shell(
            "fish",
            &[
                "--no-config",
                "-c",
                &format!("source completions/dug.fish; complete -C '{line}'"),
            ],
        )
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
    };
    assert_eq!(complete("dug --ma"), ["--max-depth"]);
    let mut words = complete("dug --time=");
    words.sort();
    assert_eq!(
        words,
        [
            "--time=access",
            "--time=atime",
            "--time=ctime",
            "--time=status",
            "--time=use"
        ]
    );
}

#[test]
fn zsh_accepts_its_script() {
    assert_eq!(shell("zsh", &["-n", "-f", "completions/_dug"]), "");
}
