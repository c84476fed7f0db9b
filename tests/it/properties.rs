//! Property tests with du itself as the oracle: random SIZE arguments (-B, -t and the block
//! size variables), random --exclude patterns and random file sizes in every output format
//! must give du's stdout, stderr and exit status. Each case runs du and dug on a small tree.

use std::ffi::OsString;

use proptest::prelude::*;
use proptest::string::string_regex;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::common::oracle::{compare, require_du};
use crate::common::process::Opts;
use crate::common::tree::{Tree, bytes_path};

/// Cases per property: each costs two process runs, about 5 ms. `PROPTEST_CASES=N` asks for
/// a longer search.
const CASES: u32 = 96;

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    TestRunner::new(Config {
        cases,
        // A failure prints its minimal case; there is no regression file to keep in the tree.
        failure_persistence: None,
        ..Config::default()
    })
}

/// du and dug agree on `args` in `t`, as a proptest result.
fn agree(args: &[OsString], t: &Tree, opts: &Opts) -> Result<(), TestCaseError> {
    compare(args, t.path(), opts).map_err(TestCaseError::fail)
}

/// Runs `property` over `strategy`, failing the test with the minimal failing case.
fn check<S: Strategy>(strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    require_du();
    if let Err(e) = runner().run(&strategy, property) {
        panic!("{e}");
    }
}

/// A few files whose sizes straddle du's rounding points, and a subdirectory.
fn sized_tree() -> Tree {
    let t = Tree::new();
    for (name, size) in [
        ("a", 0),
        ("b", 1),
        ("c", 1023),
        ("d", 4097),
        ("sub/e", 1_048_577),
    ] {
        t.file(name, size);
    }
    t.sparse("sub/hole", 5_000_000_000);
    t
}

/// SIZE arguments as people write them and as they mistype them: signs, spaces, a quote for
/// thousands grouping, octal and hex (du parses with base 0), numbers past 2^64, every suffix
/// letter du knows and some it does not, with B, iB or something else after it.
fn size_spec() -> impl Strategy<Value = String> {
    let decimal = r"['+ -]?[0-9]{0,22}([KMGTPEZYRQkmbcwBx])?(B|iB|D|iD)?";
    let based = r"'?0[xX]?[0-9a-fA-F]{0,6}([KMGkb])?(B|iB)?";
    let suffix_only = r"[KMGTPEZYRQkmB]{1,2}(B|iB)?";
    prop_oneof![
        6 => string_regex(decimal).expect("a valid regex"),
        2 => string_regex(based).expect("a valid regex"),
        2 => string_regex(suffix_only).expect("a valid regex"),
    ]
}

#[test]
fn block_size_arguments_parse_as_du_parses_them() {
    let t = sized_tree();
    check(size_spec(), |spec| {
        for flags in [&["-a", "-B"][..], &["--apparent-size", "-a", "-B"]] {
            let mut args: Vec<OsString> = flags.iter().map(OsString::from).collect();
            args.push(spec.clone().into());
            args.push(".".into());
            agree(&args, &t, &Opts::default())?;
        }
        Ok(())
    });
}

#[test]
fn threshold_arguments_parse_as_du_parses_them() {
    let t = sized_tree();
    check(size_spec(), |spec| {
        let args: Vec<OsString> = ["-a", "-c", "-t", &spec, "."].map(OsString::from).to_vec();
        agree(&args, &t, &Opts::default())
    });
}

#[test]
fn block_size_variables_are_read_as_du_reads_them() {
    let t = sized_tree();
    let var = prop::sample::select(vec!["DU_BLOCK_SIZE", "BLOCK_SIZE", "BLOCKSIZE"]);
    check((var, size_spec(), any::<bool>()), |(var, spec, posix)| {
        let mut opts = Opts::default().with_env(var, &spec);
        if posix {
            opts = opts.with_env("POSIXLY_CORRECT", "1");
        }
        let args: Vec<OsString> = ["-a", "."].map(OsString::from).to_vec();
        agree(&args, &t, &opts)
    });
}

/// A file size: small, near a power of 1000 or 1024, or anything up to ext4's 16 TiB limit.
fn file_size() -> impl Strategy<Value = u64> {
    let near_power = (1u32..=4, any::<bool>(), -3i64..=3).prop_map(|(exp, si, delta)| {
        let base: u64 = if si { 1000 } else { 1024 };
        base.pow(exp).saturating_add_signed(delta)
    });
    prop_oneof![0u64..20_000, near_power, 0u64..(1u64 << 44)]
}

#[test]
fn sizes_are_formatted_as_du_formats_them() {
    let format = prop::sample::select(vec![
        vec!["-h"],
        vec!["--si"],
        vec!["-b"],
        vec!["-k"],
        vec!["-m"],
        vec!["-B", "1000"],
        vec!["-B", "KB"],
        vec!["-B", "3K"],
        vec!["-B", "1G"],
        vec!["-B", "'1"],
        vec!["-B", "'7"],
        vec!["-h", "-B", "1K"],
    ]);
    check(
        (prop::collection::vec(file_size(), 1..4), format),
        |(sizes, format)| {
            let t = Tree::new();
            for (i, size) in sizes.iter().enumerate() {
                t.sparse(format!("f{i}"), *size);
            }
            let mut args: Vec<OsString> = ["--apparent-size", "-a", "-c"]
                .iter()
                .chain(&format)
                .map(OsString::from)
                .collect();
            args.push(".".into());
            agree(&args, &t, &Opts::default())
        },
    );
}

/// Names made of the characters patterns treat specially, nested two deep.
fn pattern_tree() -> Tree {
    let t = Tree::new();
    let names: &[&[u8]] = &[
        b"a",
        b"b",
        b"ab",
        b"ba",
        b"a.b",
        b"[a]",
        b"*",
        b"?",
        b"a-b",
        b"\\a",
        b"!b",
        b"^a",
        b"a]b",
        b".a",
        b"caf\xc3\xa9",
        b"x\xffy",
    ];
    for (i, outer) in names.iter().enumerate() {
        let inner = names[(i * 7 + 3) % names.len()];
        let mut path = outer.to_vec();
        path.push(b'/');
        path.extend_from_slice(inner);
        t.file(bytes_path(&path), 100 + i);
    }
    t
}

/// Patterns over the same characters, with brackets, ranges, negation, classes and escapes.
fn pattern() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => string_regex(r"[ab.*?\-/!^\]\\]").expect("a valid regex"),
        1 => string_regex(r"\[!?\^?[ab\-\].]{0,3}\]?").expect("a valid regex"),
        1 => prop::sample::select(vec![
            "[[:alpha:]]".to_owned(),
            "[[:punct:]]".to_owned(),
            "[a-b]".to_owned(),
            "é".to_owned(),
            "[é]".to_owned(),
            "*/*".to_owned(),
        ]),
    ];
    prop::collection::vec(piece, 1..5).prop_map(|pieces| pieces.concat())
}

#[test]
fn exclude_patterns_match_as_du_matches_them() {
    let t = pattern_tree();
    check((pattern(), any::<bool>()), |(pattern, utf8)| {
        let opts = if utf8 { Opts::utf8() } else { Opts::default() };
        let exclude = format!("--exclude={pattern}");
        let args: Vec<OsString> = ["-a", &exclude, "."].map(OsString::from).to_vec();
        agree(&args, &t, &opts)
    });
}
