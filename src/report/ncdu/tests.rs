//! The export spelt from hand-made entries: every kind of item, the root's special cases, the
//! closing of what a cancel leaves open, names that need escapes.

use super::*;
use crate::walk::scan::Stamp;

fn meta(ino: u64, blocks: u64, size: i64, is_dir: bool, nlink: u64) -> Meta {
    Meta {
        dev: 7,
        ino,
        nlink,
        blocks,
        size,
        is_dir,
        is_regular: !is_dir,
        time: Stamp::EPOCH,
    }
}

fn export(count_links: bool) -> Ncdu {
    let mut config = Config::new(vec!["/srv/data/".into()]);
    config.count_links = count_links;
    Ncdu::new(&config)
}

/// What was spelt, without the metadata line (its timestamp changes).
fn body(ncdu: &Ncdu) -> String {
    let text = String::from_utf8(ncdu.out.clone()).expect("UTF-8 in these tests");
    let (head, rest) = text.split_once('\n').expect("a metadata line");
    assert!(
        head.starts_with("[1,2,{\"progname\":\"dug\",\"progver\":\"")
            && head.contains("\"timestamp\":")
            && head.ends_with("},"),
        "{head}"
    );
    rest.to_string()
}

#[test]
fn a_tree_in_ncdu_s_layout() {
    let mut x = export(false);
    let dir = meta(2, 8, 4096, true, 3);
    x.item(
        b"ignored",
        Item::Dir {
            meta: &dir,
            read_error: false,
        },
    );
    x.item(b"f", Item::File(&meta(10, 8, 3, false, 1)));
    x.item(b"h1", Item::File(&meta(11, 200, 100_000, false, 2)));
    x.item(
        b"sub",
        Item::Dir {
            meta: &meta(3, 8, 4096, true, 2),
            read_error: true,
        },
    );
    x.item(b"h2", Item::Uncounted(&meta(11, 200, 100_000, false, 2)));
    let mut other = meta(4, 0, 0, true, 2);
    other.dev = 9;
    x.item(
        b"mnt",
        Item::Dir {
            meta: &other,
            read_error: false,
        },
    );
    x.close_dir();
    x.close_dir();
    x.item(b"skip", Item::Excluded(Excluded::Pattern));
    x.item(b"far", Item::Excluded(Excluded::OtherFs));
    x.item(b"gone", Item::Unreadable);
    x.item(b"again", Item::Uncounted(&meta(3, 8, 4096, true, 2)));
    x.item(b"once", Item::Uncounted(&meta(12, 8, 9, false, 1)));
    let mut link = meta(13, 0, 5, false, 1);
    link.is_regular = false;
    x.item(b"sym", Item::File(&link));
    x.close_dir();
    assert!(x.is_closed);
    assert_eq!(
        body(&x),
        "[{\"name\":\"/srv/data\",\"asize\":4096,\"dsize\":4096,\"dev\":7},\n\
         {\"name\":\"f\",\"asize\":3,\"dsize\":4096},\n\
         {\"name\":\"h1\",\"asize\":100000,\"dsize\":102400,\"ino\":11,\"hlnkc\":true,\"nlink\":2},\n\
         [{\"name\":\"sub\",\"asize\":4096,\"dsize\":4096,\"read_error\":true},\n\
         {\"name\":\"h2\",\"asize\":100000,\"dsize\":102400,\"ino\":11,\"hlnkc\":true,\"nlink\":2},\n\
         [{\"name\":\"mnt\",\"dev\":9}]],\n\
         {\"name\":\"skip\",\"excluded\":\"pattern\"},\n\
         {\"name\":\"far\",\"excluded\":\"otherfs\"},\n\
         {\"name\":\"gone\",\"read_error\":true},\n\
         [{\"name\":\"again\"}],\n\
         {\"name\":\"once\"},\n\
         {\"name\":\"sym\",\"asize\":5,\"notreg\":true}]]\n"
    );
    // Nothing may follow the end of the document.
    x.out.clear();
    x.item(b"late", Item::Unreadable);
    x.close_dir();
    x.end();
    assert!(x.out.is_empty());
}

#[test]
fn count_links_marks_no_hard_link() {
    let mut x = export(true);
    x.item(
        b"",
        Item::Dir {
            meta: &meta(2, 8, 4096, true, 2),
            read_error: false,
        },
    );
    x.item(b"h1", Item::File(&meta(11, 200, 100_000, false, 2)));
    x.end();
    assert!(body(&x).contains("{\"name\":\"h1\",\"asize\":100000,\"dsize\":102400}]]\n"));
}

#[test]
fn end_closes_what_a_cancel_leaves_open() {
    let mut x = export(false);
    let dir = meta(2, 8, 4096, true, 3);
    x.item(
        b"",
        Item::Dir {
            meta: &dir,
            read_error: false,
        },
    );
    x.item(
        b"a",
        Item::Dir {
            meta: &dir,
            read_error: false,
        },
    );
    x.item(
        b"b",
        Item::Dir {
            meta: &dir,
            read_error: false,
        },
    );
    x.end();
    assert!(body(&x).ends_with("[{\"name\":\"b\",\"asize\":4096,\"dsize\":4096}]]]]\n"));
    x.end();
    assert!(body(&x).ends_with("}]]]]\n"), "a second end adds nothing");
}

#[test]
fn a_root_is_always_a_directory() {
    let root = |item: Item<'_>| {
        let mut x = export(false);
        x.item(b"name-ignored", item);
        x.end();
        body(&x)
    };
    assert_eq!(
        root(Item::File(&meta(10, 8, 3, false, 2))),
        "[{\"name\":\"/srv/data\",\"asize\":3,\"dsize\":4096,\"dev\":7}]]\n"
    );
    assert_eq!(
        root(Item::Unreadable),
        "[{\"name\":\"/srv/data\",\"read_error\":true}]]\n"
    );
    assert_eq!(
        root(Item::Excluded(Excluded::Pattern)),
        "[{\"name\":\"/srv/data\"}]]\n"
    );
    // Cancelled or refused before the root was replayed: still a document ncdu reads.
    let mut x = export(false);
    x.end();
    assert_eq!(
        body(&x),
        "[{\"name\":\"/srv/data\",\"read_error\":true}]]\n"
    );
}

#[test]
fn names_keep_their_bytes_with_json_escapes() {
    let mut out = Vec::new();
    push_name(
        &mut out,
        b"a\"b\\c\nd\re\tf\x08g\x0ch\x01i\x7fj\xffk\xc3\xa9",
    );
    assert_eq!(
        out,
        b"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u007fj\xffk\xc3\xa9".to_vec()
    );
}

#[test]
fn numbers_in_decimal() {
    for n in [0, 7, 10, 4096, 1_000_000_007, u64::MAX] {
        let mut out = b"x".to_vec();
        push_decimal(&mut out, n);
        assert_eq!(out, format!("x{n}").into_bytes());
    }
}

#[test]
fn the_root_is_named_by_its_absolute_path() {
    assert_eq!(root_name(OsStr::new("/")), b"/");
    assert_eq!(root_name(OsStr::new("/srv//")), b"/srv");
    let here = std::env::current_dir().expect("a working directory");
    assert_eq!(root_name(OsStr::new(".")), here.as_os_str().as_bytes());
    assert_eq!(
        root_name(OsStr::new("a/")),
        here.join("a").as_os_str().as_bytes()
    );
}
