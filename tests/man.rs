//! The checked-in man page is what clap_mangen renders from dug's clap description today.

use std::path::Path;

#[test]
fn man_page_is_current() {
    let mut rendered = Vec::new();
    clap_mangen::Man::new(dug::cli::command())
        .render(&mut rendered)
        .expect("rendering to memory cannot fail");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("man/dug.1");
    if std::env::var_os("DUG_UPDATE_MAN").is_some() {
        std::fs::write(&path, &rendered).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let checked_in = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        checked_in == rendered,
        "man/dug.1 is stale: run `DUG_UPDATE_MAN=1 cargo test --test man` and commit it"
    );
}
