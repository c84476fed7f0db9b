//! The paths du prints and matches --exclude patterns against: gnulib fts's `fts_path`, built
//! the same way by the walk (for exclusion) and the replay (for records and messages).

/// fts_open keeps an operand as given, except that two or more trailing slashes become one
/// ("//" stays, "///" becomes "/").
pub(crate) fn fts_root_path(operand: &[u8]) -> Vec<u8> {
    let mut len = operand.len();
    if len > 2 && operand[len - 1] == b'/' {
        while len > 1 && operand[len - 2] == b'/' {
            len -= 1;
        }
    }
    operand[..len].to_vec()
}

/// The prefix fts puts before "/name" for a directory's entries (fts's NAPPEND drops one
/// trailing slash of the directory's own path).
pub(crate) fn without_one_trailing_slash(path: &[u8]) -> &[u8] {
    path.strip_suffix(b"/").unwrap_or(path)
}

/// The fts path of entry `name` of the directory whose fts path is `dir`.
pub(crate) fn child_path(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let prefix = without_one_trailing_slash(dir);
    let mut path = Vec::with_capacity(prefix.len() + 1 + name.len());
    path.extend_from_slice(prefix);
    path.push(b'/');
    path.extend_from_slice(name);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_paths_keep_fts_slashes() {
        assert_eq!(fts_root_path(b"a///"), b"a/");
        assert_eq!(fts_root_path(b"///"), b"/");
        assert_eq!(fts_root_path(b"//"), b"//");
        assert_eq!(fts_root_path(b"a/"), b"a/");
        assert_eq!(without_one_trailing_slash(b"//"), b"/");
        assert_eq!(without_one_trailing_slash(b"/"), b"");
    }

    #[test]
    fn children_join_with_one_slash() {
        assert_eq!(child_path(b"a", b"b"), b"a/b");
        assert_eq!(child_path(b"a/", b"b"), b"a/b");
        assert_eq!(child_path(b"/", b"etc"), b"/etc");
        assert_eq!(child_path(b"//", b"etc"), b"//etc");
    }
}
