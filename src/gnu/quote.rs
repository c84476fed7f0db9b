//! GNU quoting of file names and arguments in diagnostics (gnulib quotearg styles used by du).
//!
//! GNU du 9.1 quotes names in its diagnostics with three gnulib `quotearg` styles; this module
//! reproduces them byte for byte:
//!
//! * [`quote_always`] is `quoteaf()` ("shell-escape-always"): `'name'`, with control characters,
//!   invalid bytes and unprintable characters as `$'\ooo'` pieces, `'` as `'\''`, and
//!   `"name"` instead when the name contains `'` but nothing that needs escaping.
//! * [`quote_if_needed`] is `quotef()` ("shell-escape" plus `:`): the name as it is unless it
//!   holds something a shell (or a `file:line:` reader) would misread, otherwise as
//!   [`quote_always`].
//! * [`quote_locale`] is `quote()` ("locale"): `'arg'`, or `‘arg’` in a UTF-8 locale, with C
//!   backslash escapes (`\n`, `\\`, `\303`, and the closing quote as `\'` or `\’`).
//!
//! What counts as printable depends on the locale's character set, see [`Charset`]: in the C
//! locale only ASCII 0x20..=0x7e is; in a UTF-8 locale also every valid multibyte character that
//! glibc's `iswprint` accepts (the table below was taken from glibc 2.36's C.UTF-8 locale).
//!
//! A quirk of the gnulib copy in coreutils 9.1 is reproduced on purpose, since du shows it: a
//! name that contains `'` (and needs escapes) is quoted in a second pass that starts in the
//! escape state the first pass ended in, so `a'\001` comes out as `'''a'\'''$'\001'` and
//! `\001'\002` as `'\001'\'''$'\002'` (the latter does not even paste back into a shell
//! correctly).
//!
//! The input is treated as a C string: anything from the first NUL byte on is ignored (file
//! names and command-line arguments cannot contain NUL anyway).

use std::ffi::OsString;
use std::fs::File;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// Whether the locale's character set is UTF-8 (so printable multibyte characters are shown as they are).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// Any single-byte locale, in particular "C"/"POSIX": bytes 0x80..=0xff are never printable.
    Ascii,
    /// A UTF-8 locale: valid, printable multibyte characters pass through unescaped.
    Utf8,
}

impl Charset {
    /// Decide from the environment as `setlocale(LC_ALL, "")` in glibc would, then look at LC_CTYPE.
    ///
    /// Each category takes the first non-empty of `LC_ALL`, `LC_<category>`, `LANG` (else "C").
    /// The locale must really load, as glibc loads it: from `/usr/lib/locale/locale-archive`
    /// (unless `LOCPATH` is set), after expansion through `/usr/share/locale/locale.alias`, or
    /// from a `/usr/lib/locale/<name>/LC_*` directory (also searched in `LOCPATH`, dropping the
    /// modifier, territory and codeset parts of the name in glibc's order), and a codeset named
    /// in the name must match the locale's. If any one category fails to load, glibc leaves the
    /// whole process in the C locale, so the result is then [`Charset::Ascii`] (e.g. with
    /// `LANG=en_US.UTF-8` when that locale is not installed). Otherwise the answer is whether
    /// the LC_CTYPE locale's codeset is UTF-8. `get` reads an environment variable.
    pub fn from_env(get: &dyn Fn(&str) -> Option<OsString>) -> Charset {
        let sys = LocaleFiles {
            default_dir: PathBuf::from("/usr/lib/locale"),
            archive: PathBuf::from("/usr/lib/locale/locale-archive"),
            alias_file: PathBuf::from("/usr/share/locale/locale.alias"),
        };
        charset_with(get, &sys)
    }
}

/// quoteaf(): shell-escape-always style, used for file names in "cannot access", "cannot read directory".
pub fn quote_always(name: &[u8], cs: Charset) -> Vec<u8> {
    let name = c_string(name);
    let first = shell_pass(name, cs, false);
    if !first.saw_single_quote {
        return first.out;
    }
    if first.all_double_quote_safe {
        // gnulib switches to C style, which for these names is just the name in double quotes.
        let mut out = Vec::with_capacity(name.len() + 2);
        out.push(b'"');
        out.extend_from_slice(name);
        out.push(b'"');
        return out;
    }
    // gnulib redoes the work after its scan for the double-quote form, but without resetting
    // its "inside $'...'" flag: the second pass starts in the state the first one ended in.
    shell_pass(name, cs, first.pending_at_end).out
}

/// quotef(): shell-escape style (quotes only when needed), used by e.g. "fts_read failed: %s" and -X file errors.
///
/// The name is returned as it is when every byte is harmless; otherwise (and for the empty
/// name) the result is that of [`quote_always`]. Harmless are ASCII letters and digits,
/// `%+,-./@]_`, `#` and `~` except as the first byte, `{` and `}` except as the whole name, and
/// (in a UTF-8 locale) printable multibyte characters. `:` counts as harmful, as du asks for.
pub fn quote_if_needed(name: &[u8], cs: Charset) -> Vec<u8> {
    let name = c_string(name);
    if name.is_empty() || needs_quoting(name, cs) {
        quote_always(name, cs)
    } else {
        name.to_vec()
    }
}

/// quote(): locale style, used for option arguments ("invalid maximum depth 'x'", "extra operand 'x'"):
/// 'x' in an ASCII locale, ‘x’ (U+2018, U+2019) in UTF-8.
///
/// Escapes are C-like and never use `$'...'`: `\a \b \f \n \r \t \v` for those controls, `\\`
/// for a backslash, three octal digits for any other control byte, invalid byte or unprintable
/// character, and a backslash before the closing quotation mark (`\'` in ASCII, `\’` in UTF-8).
/// Everything else, including `"` and, in UTF-8, `'`, is copied as it is.
pub fn quote_locale(arg: &[u8], cs: Charset) -> Vec<u8> {
    let arg = c_string(arg);
    let (left, right): (&[u8], &[u8]) = match cs {
        Charset::Ascii => (b"'", b"'"),
        Charset::Utf8 => ("\u{2018}".as_bytes(), "\u{2019}".as_bytes()),
    };
    let mut out = Vec::with_capacity(arg.len() + 2 * right.len());
    out.extend_from_slice(left);
    let mut i = 0;
    while i < arg.len() {
        let c = arg[i];
        let is_right_quote = arg[i..].starts_with(right);
        if c < 0x80 {
            if let Some(letter) = c_escape_letter(c) {
                out.extend_from_slice(&[b'\\', letter]);
            } else if c == b'\\' {
                out.extend_from_slice(b"\\\\");
            } else if is_printable_ascii(c) {
                if is_right_quote {
                    out.push(b'\\');
                }
                out.push(c);
            } else {
                push_octal(&mut out, c);
            }
            i += 1;
        } else {
            match multibyte_at(&arg[i..], cs) {
                Mb::Printable(len) => {
                    if is_right_quote {
                        out.push(b'\\');
                    }
                    out.extend_from_slice(&arg[i..i + len]);
                    i += len;
                }
                Mb::Unprintable(len) => {
                    for &b in &arg[i..i + len] {
                        push_octal(&mut out, b);
                    }
                    i += len;
                }
            }
        }
    }
    out.extend_from_slice(right);
    out
}

/// The part of `s` before its first NUL byte, as C sees it.
fn c_string(s: &[u8]) -> &[u8] {
    match s.iter().position(|&b| b == 0) {
        Some(n) => &s[..n],
        None => s,
    }
}

/// The letter of the C escape for the controls that have one.
fn c_escape_letter(c: u8) -> Option<u8> {
    match c {
        0x07 => Some(b'a'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x0b => Some(b'v'),
        _ => None,
    }
}

/// `isprint` in the C locale (and `iswprint` for ASCII in UTF-8).
fn is_printable_ascii(c: u8) -> bool {
    (0x20..=0x7e).contains(&c)
}

/// The three octal digits of `c`.
fn octal_digits(c: u8) -> [u8; 3] {
    [b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]
}

/// Backslash and three octal digits.
fn push_octal(out: &mut Vec<u8>, c: u8) {
    out.push(b'\\');
    out.extend_from_slice(&octal_digits(c));
}

/// How a sequence starting with a byte >= 0x80 is treated.
enum Mb {
    /// A valid, printable multibyte character of this many bytes: copied as it is.
    Printable(usize),
    /// This many bytes to escape one by one.
    Unprintable(usize),
}

/// Classify the sequence at the start of `s` (`s[0] >= 0x80`).
fn multibyte_at(s: &[u8], cs: Charset) -> Mb {
    if cs == Charset::Ascii {
        return Mb::Unprintable(1);
    }
    let width = match s[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Mb::Unprintable(1),
    };
    // A bad or truncated sequence: glibc's mbrtowc fails on it, and gnulib escapes its bytes
    // one at a time (or, for a truncated tail, all of them, which comes to the same thing).
    let Some(seq) = s.get(..width) else {
        return Mb::Unprintable(1);
    };
    match std::str::from_utf8(seq) {
        Ok(text) => match text.chars().next() {
            Some(ch) if is_printable_char(u32::from(ch)) => Mb::Printable(width),
            _ => Mb::Unprintable(width),
        },
        Err(_) => Mb::Unprintable(1),
    }
}

/// glibc's `iswprint` in a UTF-8 locale.
fn is_printable_char(ch: u32) -> bool {
    let ranges = PRINTABLE.len() / 2;
    // Index of the first range that starts after `ch`.
    let (mut lo, mut hi) = (0, ranges);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if PRINTABLE[2 * mid] <= ch {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo > 0 && ch <= PRINTABLE[2 * (lo - 1) + 1]
}

/// Result of one pass of the shell-escape-always quoting.
struct ShellPass {
    out: Vec<u8>,
    saw_single_quote: bool,
    /// No byte would need escaping in gnulib's C style, so `"name"` may be used instead.
    all_double_quote_safe: bool,
    /// Whether the pass ended inside a `$'...'` piece.
    pending_at_end: bool,
}

/// One pass of gnulib's shell-escape-always quoting, starting with `pending` as the
/// "a `$'...'` piece is open" flag.
fn shell_pass(name: &[u8], cs: Charset, mut pending: bool) -> ShellPass {
    fn start_escape(out: &mut Vec<u8>, pending: &mut bool) {
        if !*pending {
            out.extend_from_slice(b"'$'");
            *pending = true;
        }
        out.push(b'\\');
    }
    fn end_escape(out: &mut Vec<u8>, pending: &mut bool) {
        if *pending {
            out.extend_from_slice(b"''");
            *pending = false;
        }
    }

    let mut out = Vec::with_capacity(name.len() + 2);
    out.push(b'\'');
    let mut saw_single_quote = false;
    let mut all_safe = true;
    let mut i = 0;
    while i < name.len() {
        let c = name[i];
        if c < 0x80 {
            if c == b'\'' {
                saw_single_quote = true;
                out.extend_from_slice(b"'\\''");
                pending = false;
            } else if let Some(letter) = c_escape_letter(c) {
                start_escape(&mut out, &mut pending);
                out.push(letter);
                all_safe = false;
            } else if is_printable_ascii(c) {
                end_escape(&mut out, &mut pending);
                out.push(c);
                all_safe &= double_quote_safe(c, i, name.len());
            } else {
                start_escape(&mut out, &mut pending);
                out.extend_from_slice(&octal_digits(c));
                all_safe = false;
            }
            i += 1;
        } else {
            match multibyte_at(&name[i..], cs) {
                Mb::Printable(len) => {
                    for &b in &name[i..i + len] {
                        end_escape(&mut out, &mut pending);
                        out.push(b);
                    }
                    i += len;
                }
                Mb::Unprintable(len) => {
                    for &b in &name[i..i + len] {
                        start_escape(&mut out, &mut pending);
                        out.extend_from_slice(&octal_digits(b));
                    }
                    all_safe = false;
                    i += len;
                }
            }
        }
    }
    out.push(b'\'');
    ShellPass {
        out,
        saw_single_quote,
        all_double_quote_safe: all_safe,
        pending_at_end: pending,
    }
}

/// Printable ASCII that gnulib's C style and shell style both leave alone (`'` aside).
fn double_quote_safe(c: u8, i: usize, len: usize) -> bool {
    match c {
        b'#' | b'~' => i == 0,
        b'{' | b'}' => len == 1,
        b' ' | b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b':' | b'@' | b']' | b'_' => true,
        _ => c.is_ascii_alphanumeric(),
    }
}

/// Whether the shell-escape style has to fall back on quoting.
fn needs_quoting(name: &[u8], cs: Charset) -> bool {
    let mut i = 0;
    while i < name.len() {
        let c = name[i];
        if c >= 0x80 {
            match multibyte_at(&name[i..], cs) {
                Mb::Printable(len) => i += len,
                Mb::Unprintable(_) => return true,
            }
            continue;
        }
        let harmless = match c {
            b'#' | b'~' => i != 0,
            b'{' | b'}' => name.len() != 1,
            b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b'@' | b']' | b'_' => true,
            _ => c.is_ascii_alphanumeric(),
        };
        if !harmless {
            return true;
        }
        i += 1;
    }
    false
}

/// Where glibc looks for locale data (fixed paths on glibc systems; replaceable in tests).
struct LocaleFiles {
    /// The compiled-in locale directory, searched after the `LOCPATH` entries.
    default_dir: PathBuf,
    /// The locale archive, consulted only when `LOCPATH` is unset or empty.
    archive: PathBuf,
    /// The alias table glibc reads for locale names not found otherwise.
    alias_file: PathBuf,
}

/// The categories `setlocale(LC_ALL, "")` sets, with glibc's numbers for them.
const CATEGORIES: [(&str, u32); 12] = [
    ("LC_CTYPE", 0),
    ("LC_NUMERIC", 1),
    ("LC_TIME", 2),
    ("LC_COLLATE", 3),
    ("LC_MONETARY", 4),
    ("LC_MESSAGES", 5),
    ("LC_PAPER", 7),
    ("LC_NAME", 8),
    ("LC_ADDRESS", 9),
    ("LC_TELEPHONE", 10),
    ("LC_MEASUREMENT", 11),
    ("LC_IDENTIFICATION", 12),
];
/// glibc's category number for LC_CTYPE.
const LC_CTYPE: u32 = 0;
/// Number of slots in an archive locale record (glibc's `__LC_LAST`, LC_ALL's slot included).
const LC_LAST: u32 = 13;
/// Index of the codeset name among the LC_CTYPE items.
const CTYPE_CODESET_ITEM: u32 = 14;

/// [`Charset::from_env`] with the locale files in `files`.
fn charset_with(get: &dyn Fn(&str) -> Option<OsString>, files: &LocaleFiles) -> Charset {
    let var = |key: &str| get(key).filter(|v| !v.is_empty()).map(OsString::into_vec);
    let all = var("LC_ALL");
    let lang = var("LANG");
    let locpath = var("LOCPATH");
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(list) = &locpath {
        dirs.extend(
            list.split(|&b| b == b':')
                .filter(|d| !d.is_empty())
                .map(|d| PathBuf::from(std::ffi::OsStr::from_bytes(d))),
        );
    }
    dirs.push(files.default_dir.clone());
    let mut loader = Loader {
        files,
        dirs,
        use_archive: locpath.is_none(),
        archive: None,
        aliases: None,
        codesets: Vec::new(),
    };
    let mut utf8 = false;
    for (category, number) in CATEGORIES {
        let name = all
            .clone()
            .or_else(|| var(category))
            .or_else(|| lang.clone())
            .unwrap_or_else(|| b"C".to_vec());
        match loader.find(&name, category, number) {
            // glibc then leaves every category in the C locale.
            None => return Charset::Ascii,
            Some(is_utf8) if number == LC_CTYPE => utf8 = is_utf8,
            Some(_) => {}
        }
    }
    if utf8 { Charset::Utf8 } else { Charset::Ascii }
}

/// glibc's `_nl_find_locale`, reduced to "does it load, and is its codeset UTF-8".
struct Loader<'a> {
    files: &'a LocaleFiles,
    dirs: Vec<PathBuf>,
    use_archive: bool,
    /// The opened archive, once looked for (`Some(None)`: missing or unusable).
    archive: Option<Option<Archive>>,
    /// The alias table, once read: (alias, value) sorted by alias ignoring ASCII case.
    aliases: Option<Vec<(Vec<u8>, Vec<u8>)>>,
    /// The LC_CTYPE codeset of each locale directory read so far: all twelve categories
    /// usually come from the same directory, and reading it again for each was a sixth of a
    /// run over a tiny tree.
    codesets: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Loader<'_> {
    /// `None` when the category cannot be loaded under `name`, else whether the locale's
    /// codeset is UTF-8 (only meaningful for LC_CTYPE).
    fn find(&mut self, name: &[u8], category: &str, number: u32) -> Option<bool> {
        if name == b"C" || name == b"POSIX" {
            return Some(false);
        }
        if !valid_locale_name(name) {
            return None;
        }
        let mut dir_name = name.to_vec();
        if self.use_archive {
            if let Some(found) = self.in_archive(name, number) {
                return Some(found);
            }
            if let Some(value) = self.expand_alias(name) {
                if let Some(found) = self.in_archive(&value, number) {
                    return Some(found);
                }
                dir_name = value;
            }
        } else if let Some(value) = self.expand_alias(name) {
            dir_name = value;
        }
        let parts = explode_name(&dir_name);
        for mask in (0..=parts.mask).rev() {
            let both_codesets = XPG_CODESET | XPG_NORM_CODESET;
            if mask & !parts.mask != 0 || mask & both_codesets == both_codesets {
                continue;
            }
            let locale = parts.dir_name(mask);
            for dir in &self.dirs {
                // Plain concatenation, as glibc does: an absolute locale name stays below `dir`.
                let mut locale_dir = dir.clone().into_os_string().into_vec();
                locale_dir.push(b'/');
                locale_dir.extend_from_slice(&locale);
                let locale_dir = PathBuf::from(OsString::from_vec(locale_dir));
                if load_category_file(&locale_dir, category, number).is_none() {
                    continue;
                }
                // The first file that loads decides; a codeset in the name must match its data.
                // The codeset is read from LC_CTYPE, which localedef writes the same way as
                // the other categories.
                let codeset = self.codeset(&locale_dir);
                if let (Some(wanted), Some(actual)) = (parts.codeset, &codeset)
                    && !codesets_match(wanted, actual)
                {
                    return None;
                }
                return Some(codeset.is_some_and(|c| is_utf8_codeset(&c)));
            }
        }
        None
    }

    /// The codeset named in the LC_CTYPE data of `locale_dir`, read once.
    fn codeset(&mut self, locale_dir: &Path) -> Option<Vec<u8>> {
        if let Some((_, known)) = self.codesets.iter().find(|(dir, _)| dir == locale_dir) {
            return known.clone();
        }
        let codeset = load_category_file(locale_dir, "LC_CTYPE", LC_CTYPE)
            .and_then(|data| data.string(CTYPE_CODESET_ITEM));
        self.codesets
            .push((locale_dir.to_path_buf(), codeset.clone()));
        codeset
    }

    /// Look `name` up in the locale archive.
    fn in_archive(&mut self, name: &[u8], number: u32) -> Option<bool> {
        if self.archive.is_none() {
            self.archive = Some(Archive::open(&self.files.archive));
        }
        let archive = self.archive.as_ref()?.as_ref()?;
        archive.find(&archive_name(name), number)
    }

    /// glibc's `_nl_expand_alias`.
    fn expand_alias(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let table = self
            .aliases
            .get_or_insert_with(|| read_alias_file(&self.files.alias_file));
        // glibc's bsearch, so that duplicated aliases resolve the same way.
        let (mut lo, mut hi) = (0, table.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match cmp_ignore_ascii_case(name, &table[mid].0) {
                std::cmp::Ordering::Less => hi = mid,
                std::cmp::Ordering::Greater => lo = mid + 1,
                std::cmp::Ordering::Equal => return Some(table[mid].1.clone()),
            }
        }
        None
    }
}

/// glibc's check against directory traversal and overlong names.
fn valid_locale_name(name: &[u8]) -> bool {
    let n = name.len();
    if n > 255 || name.windows(4).any(|w| w == b"/../") || name == b".." {
        return false;
    }
    if n >= 3 && (name.starts_with(b"../") || name.ends_with(b"/..")) {
        return false;
    }
    !name.contains(&b'/') || name[0] == b'/'
}

/// strcasecmp in the C locale.
fn cmp_ignore_ascii_case(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let lower = |s: &[u8]| s.iter().map(u8::to_ascii_lowercase).collect::<Vec<u8>>();
    lower(a).cmp(&lower(b))
}

/// Read glibc's `locale.alias`: per line, an alias and its value separated by white space;
/// lines whose first non-blank is `#` are comments; only the first 399 bytes of a line count.
fn read_alias_file(path: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
    let text = std::fs::read(path).unwrap_or_default();
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut table = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let line = &line[..line.len().min(399)];
        let mut words = line.split(is_space).filter(|w| !w.is_empty());
        let Some(alias) = words.next() else { continue };
        if alias[0] == b'#' {
            continue;
        }
        if let Some(value) = words.next() {
            table.push((alias.to_vec(), value.to_vec()));
        }
    }
    // glibc sorts with a merge sort, which keeps duplicates in file order.
    table.sort_by(|a, b| cmp_ignore_ascii_case(&a.0, &b.0));
    table
}

const XPG_NORM_CODESET: u32 = 1;
const XPG_CODESET: u32 = 2;
const XPG_TERRITORY: u32 = 4;
const XPG_MODIFIER: u32 = 8;

/// A locale name split as glibc's `_nl_explode_name` does:
/// `language[_territory][.codeset][@modifier]`.
struct NameParts<'a> {
    language: &'a [u8],
    territory: &'a [u8],
    /// Present (possibly empty) when the name has a `.` after a non-empty language.
    codeset: Option<&'a [u8]>,
    normalized_codeset: Vec<u8>,
    modifier: &'a [u8],
    /// Which parts are there (the XPG_* bits).
    mask: u32,
}

impl NameParts<'_> {
    /// The directory name glibc tries for the parts selected by `mask`.
    fn dir_name(&self, mask: u32) -> Vec<u8> {
        let mut out = self.language.to_vec();
        if mask & XPG_TERRITORY != 0 {
            out.push(b'_');
            out.extend_from_slice(self.territory);
        }
        if mask & XPG_CODESET != 0 {
            out.push(b'.');
            out.extend_from_slice(self.codeset.unwrap_or_default());
        }
        if mask & XPG_NORM_CODESET != 0 {
            out.push(b'.');
            out.extend_from_slice(&self.normalized_codeset);
        }
        if mask & XPG_MODIFIER != 0 {
            out.push(b'@');
            out.extend_from_slice(self.modifier);
        }
        out
    }
}

fn explode_name(name: &[u8]) -> NameParts<'_> {
    let mut parts = NameParts {
        language: name,
        territory: b"",
        codeset: None,
        normalized_codeset: Vec::new(),
        modifier: b"",
        mask: 0,
    };
    let lang_end = name
        .iter()
        .position(|&b| matches!(b, b'_' | b'.' | b'@'))
        .unwrap_or(name.len());
    if lang_end == 0 {
        // No language: glibc uses the whole name as it is.
        return parts;
    }
    parts.language = &name[..lang_end];
    let mut cp = lang_end;
    if name.get(cp) == Some(&b'_') {
        let start = cp + 1;
        cp = start;
        while cp < name.len() && name[cp] != b'.' && name[cp] != b'@' {
            cp += 1;
        }
        parts.territory = &name[start..cp];
        if cp > start {
            parts.mask |= XPG_TERRITORY;
        }
    }
    if name.get(cp) == Some(&b'.') {
        let start = cp + 1;
        cp = start;
        while cp < name.len() && name[cp] != b'@' {
            cp += 1;
        }
        let codeset = &name[start..cp];
        parts.codeset = Some(codeset);
        if !codeset.is_empty() {
            parts.mask |= XPG_CODESET;
            let normalized = normalize_codeset(codeset);
            if normalized != codeset {
                parts.normalized_codeset = normalized;
                parts.mask |= XPG_NORM_CODESET;
            }
        }
    }
    if name.get(cp) == Some(&b'@') {
        parts.modifier = &name[cp + 1..];
        if !parts.modifier.is_empty() {
            parts.mask |= XPG_MODIFIER;
        }
    }
    parts
}

/// glibc's `_nl_normalize_codeset`: letters lowercased, digits kept, the rest dropped, and
/// "iso" put in front of an all-digit result.
fn normalize_codeset(codeset: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = codeset
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    if out.iter().all(u8::is_ascii_digit) {
        out.splice(0..0, *b"iso");
    }
    out
}

/// glibc's `strip` + `upstr` on a codeset name, the form in which gconv compares aliases.
fn canonical_codeset(codeset: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(codeset.len() + 2);
    let mut slashes = 0;
    for &b in codeset {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b',' | b':') {
            out.push(b.to_ascii_uppercase());
        } else if b == b'/' {
            slashes += 1;
            if slashes == 3 {
                break;
            }
            out.push(b'/');
        }
    }
    while slashes < 2 {
        out.push(b'/');
        slashes += 1;
    }
    out
}

/// Whether gconv knows `codeset` as a name of UTF-8 (its built-in aliases).
fn is_utf8_codeset(codeset: &[u8]) -> bool {
    matches!(
        canonical_codeset(codeset).as_slice(),
        b"UTF-8//"
            | b"UTF8//"
            | b"ISO-10646/UTF8/"
            | b"ISO-10646/UTF-8/"
            | b"ISO-IR-193//"
            | b"OSF05010001//"
    )
}

/// glibc's check that the codeset named in a locale name is the locale's. gconv's alias tables
/// are known here only for UTF-8 (built into glibc); for other codesets, names that normalize
/// alike (`ISO-8859-1`, `iso88591`, `ISO_8859-1`) stand in for gconv's aliases, so e.g.
/// `LATIN1` is not recognised as ISO-8859-1.
fn codesets_match(wanted: &[u8], actual: &[u8]) -> bool {
    if canonical_codeset(wanted) == canonical_codeset(actual) {
        return true;
    }
    match (is_utf8_codeset(wanted), is_utf8_codeset(actual)) {
        (true, true) => true,
        (false, false) => normalize_codeset(wanted) == normalize_codeset(actual),
        _ => false,
    }
}

/// The magic number glibc expects at the start of a category's data.
fn locale_magic(number: u32) -> u32 {
    match number {
        0 => 0x2009_0720,
        3 => 0x2005_1014 ^ 3,
        n => 0x2003_1115 ^ n,
    }
}

/// One category's data, validated as glibc's `_nl_intern_locale_data` does (header, magic,
/// item offsets within the data).
struct CategoryData {
    file: File,
    base: u64,
    len: u64,
    /// Offsets of the items, relative to `base`.
    items: Vec<u32>,
}

impl CategoryData {
    fn read(file: File, base: u64, len: u64, number: u32) -> Option<CategoryData> {
        let mut head = [0u8; 8];
        if len < 8 || file.read_exact_at(&mut head, base).is_err() {
            return None;
        }
        let magic = u32::from_ne_bytes([head[0], head[1], head[2], head[3]]);
        let count = u32::from_ne_bytes([head[4], head[5], head[6], head[7]]);
        if magic != locale_magic(number) || 8 + 4 * u64::from(count) >= len {
            return None;
        }
        let mut raw = vec![0u8; 4 * count as usize];
        file.read_exact_at(&mut raw, base + 8).ok()?;
        let items: Vec<u32> = raw
            .chunks_exact(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if items.iter().any(|&offset| u64::from(offset) > len) {
            return None;
        }
        Some(CategoryData {
            file,
            base,
            len,
            items,
        })
    }

    /// The string item `index` (up to its NUL, at most 255 bytes).
    fn string(&self, index: u32) -> Option<Vec<u8>> {
        let offset = u64::from(*self.items.get(index as usize)?);
        let mut buf = vec![0u8; (self.len - offset).min(256) as usize];
        self.file.read_exact_at(&mut buf, self.base + offset).ok()?;
        let end = buf.iter().position(|&b| b == 0)?;
        buf.truncate(end);
        Some(buf)
    }
}

/// glibc's `_nl_load_locale`: `<dir>/LC_x`, or `<dir>/LC_x/SYS_LC_x` when that is a directory.
fn load_category_file(locale_dir: &Path, category: &str, number: u32) -> Option<CategoryData> {
    let mut path = locale_dir.join(category);
    let mut file = File::open(&path).ok()?;
    let mut meta = file.metadata().ok()?;
    if meta.is_dir() {
        path.push(format!("SYS_{category}"));
        file = File::open(&path).ok()?;
        meta = file.metadata().ok()?;
    }
    CategoryData::read(file, 0, meta.len(), number)
}

/// The name under which glibc looks a locale up in the archive: the codeset normalized.
fn archive_name(name: &[u8]) -> Vec<u8> {
    let Some(dot) = name.iter().position(|&b| b == b'.') else {
        return name.to_vec();
    };
    let start = dot + 1;
    if matches!(name.get(start), None | Some(b'@')) {
        return name.to_vec();
    }
    let end = name[start..]
        .iter()
        .position(|&b| b == b'@')
        .map_or(name.len(), |p| start + p);
    let mut out = name[..start].to_vec();
    out.extend_from_slice(&normalize_codeset(&name[start..end]));
    out.extend_from_slice(&name[end..]);
    out
}

/// An opened `locale-archive` (glibc's `struct locarhead` fields that matter here).
struct Archive {
    file: File,
    size: u64,
    namehash_offset: u64,
    namehash_size: u32,
}

impl Archive {
    fn open(path: &Path) -> Option<Archive> {
        let file = File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut raw = [0u8; 56];
        file.read_exact_at(&mut raw, 0).ok()?;
        let field = |i: usize| {
            u64::from(u32::from_ne_bytes([
                raw[4 * i],
                raw[4 * i + 1],
                raw[4 * i + 2],
                raw[4 * i + 3],
            ]))
        };
        // Fields: magic, serial, namehash offset/used/size, string offset/used/size,
        // locrectab offset/used/size, sumhash offset/used/size.
        let namehash_end = field(2) + 12 * field(4);
        let string_end = field(5) + field(6);
        let locrec_end = field(8) + (4 + 8 * u64::from(LC_LAST)) * field(9);
        if namehash_end.max(string_end).max(locrec_end) > size || field(4) <= 2 {
            return None;
        }
        Some(Archive {
            file,
            size,
            namehash_offset: field(2),
            namehash_size: u32::try_from(field(4)).ok()?,
        })
    }

    fn read_u32s<const N: usize>(&self, offset: u64) -> Option<[u32; N]> {
        let mut raw = vec![0u8; 4 * N];
        self.file.read_exact_at(&mut raw, offset).ok()?;
        let mut out = [0u32; N];
        for (slot, c) in out.iter_mut().zip(raw.chunks_exact(4)) {
            *slot = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(out)
    }

    fn name_at(&self, offset: u64, want: usize) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; (want + 1).min(self.size.saturating_sub(offset) as usize)];
        self.file.read_exact_at(&mut buf, offset).ok()?;
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        buf.truncate(end);
        Some(buf)
    }

    /// glibc's `_nl_load_locale_from_archive` for one category: `None` when not there.
    fn find(&self, name: &[u8], number: u32) -> Option<bool> {
        let hash = archive_hash(name);
        let size = self.namehash_size;
        let mut index = hash % size;
        let step = 1 + hash % (size - 2);
        let mut locrec = None;
        for _ in 0..size {
            let [entry_hash, name_offset, locrec_offset] =
                self.read_u32s::<3>(self.namehash_offset + 12 * u64::from(index))?;
            if name_offset == 0 {
                return None;
            }
            if entry_hash == hash
                && self.name_at(u64::from(name_offset), name.len())?.as_slice() == name
            {
                locrec = Some(locrec_offset);
                break;
            }
            index += step;
            if index >= size {
                index -= size;
            }
        }
        let locrec = u64::from(locrec.filter(|&offset| offset != 0)?);
        let records = self.read_u32s::<26>(locrec + 4)?;
        let record = |n: u32| {
            let i = 2 * n as usize;
            (u64::from(records[i]), u64::from(records[i + 1]))
        };
        if (0..LC_LAST).any(|n| n != 6 && record(n).0 + record(n).1 > self.size) {
            return None;
        }
        let data = |n: u32| {
            let (offset, len) = record(n);
            CategoryData::read(self.file.try_clone().ok()?, offset, len, n)
        };
        data(number)?;
        let codeset = data(LC_CTYPE).and_then(|d| d.string(CTYPE_CODESET_ITEM));
        Some(codeset.is_some_and(|c| is_utf8_codeset(&c)))
    }
}

/// glibc's `compute_hashval` with 32-bit hash values, as the archive uses.
fn archive_hash(name: &[u8]) -> u32 {
    let mut hash = name.len() as u32;
    for &b in name {
        hash = hash.rotate_left(9).wrapping_add(u32::from(b));
    }
    if hash != 0 { hash } else { !0 }
}

/// glibc 2.36's `iswprint` in C.UTF-8 (same in en_US.UTF-8), as inclusive ranges of code points
/// (start, end, start, end, …), from iterating `iswprint` over 0..=0x10FFFF on this machine.
const PRINTABLE: [u32; 1400] = [
    0x20, 0x7e, 0xa0, 0x377, 0x37a, 0x37f, 0x384, 0x38a, 0x38c, 0x38c, 0x38e, 0x3a1, 0x3a3, 0x52f,
    0x531, 0x556, 0x559, 0x58a, 0x58d, 0x58f, 0x591, 0x5c7, 0x5d0, 0x5ea, 0x5ef, 0x5f4, 0x600,
    0x70d, 0x70f, 0x74a, 0x74d, 0x7b1, 0x7c0, 0x7fa, 0x7fd, 0x82d, 0x830, 0x83e, 0x840, 0x85b,
    0x85e, 0x85e, 0x860, 0x86a, 0x870, 0x88e, 0x890, 0x891, 0x898, 0x983, 0x985, 0x98c, 0x98f,
    0x990, 0x993, 0x9a8, 0x9aa, 0x9b0, 0x9b2, 0x9b2, 0x9b6, 0x9b9, 0x9bc, 0x9c4, 0x9c7, 0x9c8,
    0x9cb, 0x9ce, 0x9d7, 0x9d7, 0x9dc, 0x9dd, 0x9df, 0x9e3, 0x9e6, 0x9fe, 0xa01, 0xa03, 0xa05,
    0xa0a, 0xa0f, 0xa10, 0xa13, 0xa28, 0xa2a, 0xa30, 0xa32, 0xa33, 0xa35, 0xa36, 0xa38, 0xa39,
    0xa3c, 0xa3c, 0xa3e, 0xa42, 0xa47, 0xa48, 0xa4b, 0xa4d, 0xa51, 0xa51, 0xa59, 0xa5c, 0xa5e,
    0xa5e, 0xa66, 0xa76, 0xa81, 0xa83, 0xa85, 0xa8d, 0xa8f, 0xa91, 0xa93, 0xaa8, 0xaaa, 0xab0,
    0xab2, 0xab3, 0xab5, 0xab9, 0xabc, 0xac5, 0xac7, 0xac9, 0xacb, 0xacd, 0xad0, 0xad0, 0xae0,
    0xae3, 0xae6, 0xaf1, 0xaf9, 0xaff, 0xb01, 0xb03, 0xb05, 0xb0c, 0xb0f, 0xb10, 0xb13, 0xb28,
    0xb2a, 0xb30, 0xb32, 0xb33, 0xb35, 0xb39, 0xb3c, 0xb44, 0xb47, 0xb48, 0xb4b, 0xb4d, 0xb55,
    0xb57, 0xb5c, 0xb5d, 0xb5f, 0xb63, 0xb66, 0xb77, 0xb82, 0xb83, 0xb85, 0xb8a, 0xb8e, 0xb90,
    0xb92, 0xb95, 0xb99, 0xb9a, 0xb9c, 0xb9c, 0xb9e, 0xb9f, 0xba3, 0xba4, 0xba8, 0xbaa, 0xbae,
    0xbb9, 0xbbe, 0xbc2, 0xbc6, 0xbc8, 0xbca, 0xbcd, 0xbd0, 0xbd0, 0xbd7, 0xbd7, 0xbe6, 0xbfa,
    0xc00, 0xc0c, 0xc0e, 0xc10, 0xc12, 0xc28, 0xc2a, 0xc39, 0xc3c, 0xc44, 0xc46, 0xc48, 0xc4a,
    0xc4d, 0xc55, 0xc56, 0xc58, 0xc5a, 0xc5d, 0xc5d, 0xc60, 0xc63, 0xc66, 0xc6f, 0xc77, 0xc8c,
    0xc8e, 0xc90, 0xc92, 0xca8, 0xcaa, 0xcb3, 0xcb5, 0xcb9, 0xcbc, 0xcc4, 0xcc6, 0xcc8, 0xcca,
    0xccd, 0xcd5, 0xcd6, 0xcdd, 0xcde, 0xce0, 0xce3, 0xce6, 0xcef, 0xcf1, 0xcf2, 0xd00, 0xd0c,
    0xd0e, 0xd10, 0xd12, 0xd44, 0xd46, 0xd48, 0xd4a, 0xd4f, 0xd54, 0xd63, 0xd66, 0xd7f, 0xd81,
    0xd83, 0xd85, 0xd96, 0xd9a, 0xdb1, 0xdb3, 0xdbb, 0xdbd, 0xdbd, 0xdc0, 0xdc6, 0xdca, 0xdca,
    0xdcf, 0xdd4, 0xdd6, 0xdd6, 0xdd8, 0xddf, 0xde6, 0xdef, 0xdf2, 0xdf4, 0xe01, 0xe3a, 0xe3f,
    0xe5b, 0xe81, 0xe82, 0xe84, 0xe84, 0xe86, 0xe8a, 0xe8c, 0xea3, 0xea5, 0xea5, 0xea7, 0xebd,
    0xec0, 0xec4, 0xec6, 0xec6, 0xec8, 0xecd, 0xed0, 0xed9, 0xedc, 0xedf, 0xf00, 0xf47, 0xf49,
    0xf6c, 0xf71, 0xf97, 0xf99, 0xfbc, 0xfbe, 0xfcc, 0xfce, 0xfda, 0x1000, 0x10c5, 0x10c7, 0x10c7,
    0x10cd, 0x10cd, 0x10d0, 0x1248, 0x124a, 0x124d, 0x1250, 0x1256, 0x1258, 0x1258, 0x125a, 0x125d,
    0x1260, 0x1288, 0x128a, 0x128d, 0x1290, 0x12b0, 0x12b2, 0x12b5, 0x12b8, 0x12be, 0x12c0, 0x12c0,
    0x12c2, 0x12c5, 0x12c8, 0x12d6, 0x12d8, 0x1310, 0x1312, 0x1315, 0x1318, 0x135a, 0x135d, 0x137c,
    0x1380, 0x1399, 0x13a0, 0x13f5, 0x13f8, 0x13fd, 0x1400, 0x169c, 0x16a0, 0x16f8, 0x1700, 0x1715,
    0x171f, 0x1736, 0x1740, 0x1753, 0x1760, 0x176c, 0x176e, 0x1770, 0x1772, 0x1773, 0x1780, 0x17dd,
    0x17e0, 0x17e9, 0x17f0, 0x17f9, 0x1800, 0x1819, 0x1820, 0x1878, 0x1880, 0x18aa, 0x18b0, 0x18f5,
    0x1900, 0x191e, 0x1920, 0x192b, 0x1930, 0x193b, 0x1940, 0x1940, 0x1944, 0x196d, 0x1970, 0x1974,
    0x1980, 0x19ab, 0x19b0, 0x19c9, 0x19d0, 0x19da, 0x19de, 0x1a1b, 0x1a1e, 0x1a5e, 0x1a60, 0x1a7c,
    0x1a7f, 0x1a89, 0x1a90, 0x1a99, 0x1aa0, 0x1aad, 0x1ab0, 0x1ace, 0x1b00, 0x1b4c, 0x1b50, 0x1b7e,
    0x1b80, 0x1bf3, 0x1bfc, 0x1c37, 0x1c3b, 0x1c49, 0x1c4d, 0x1c88, 0x1c90, 0x1cba, 0x1cbd, 0x1cc7,
    0x1cd0, 0x1cfa, 0x1d00, 0x1f15, 0x1f18, 0x1f1d, 0x1f20, 0x1f45, 0x1f48, 0x1f4d, 0x1f50, 0x1f57,
    0x1f59, 0x1f59, 0x1f5b, 0x1f5b, 0x1f5d, 0x1f5d, 0x1f5f, 0x1f7d, 0x1f80, 0x1fb4, 0x1fb6, 0x1fc4,
    0x1fc6, 0x1fd3, 0x1fd6, 0x1fdb, 0x1fdd, 0x1fef, 0x1ff2, 0x1ff4, 0x1ff6, 0x1ffe, 0x2000, 0x2027,
    0x202a, 0x2064, 0x2066, 0x2071, 0x2074, 0x208e, 0x2090, 0x209c, 0x20a0, 0x20c0, 0x20d0, 0x20f0,
    0x2100, 0x218b, 0x2190, 0x2426, 0x2440, 0x244a, 0x2460, 0x2b73, 0x2b76, 0x2b95, 0x2b97, 0x2cf3,
    0x2cf9, 0x2d25, 0x2d27, 0x2d27, 0x2d2d, 0x2d2d, 0x2d30, 0x2d67, 0x2d6f, 0x2d70, 0x2d7f, 0x2d96,
    0x2da0, 0x2da6, 0x2da8, 0x2dae, 0x2db0, 0x2db6, 0x2db8, 0x2dbe, 0x2dc0, 0x2dc6, 0x2dc8, 0x2dce,
    0x2dd0, 0x2dd6, 0x2dd8, 0x2dde, 0x2de0, 0x2e5d, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5,
    0x2ff0, 0x2ffb, 0x3000, 0x303f, 0x3041, 0x3096, 0x3099, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e,
    0x3190, 0x31e3, 0x31f0, 0x321e, 0x3220, 0xa48c, 0xa490, 0xa4c6, 0xa4d0, 0xa62b, 0xa640, 0xa6f7,
    0xa700, 0xa7ca, 0xa7d0, 0xa7d1, 0xa7d3, 0xa7d3, 0xa7d5, 0xa7d9, 0xa7f2, 0xa82c, 0xa830, 0xa839,
    0xa840, 0xa877, 0xa880, 0xa8c5, 0xa8ce, 0xa8d9, 0xa8e0, 0xa953, 0xa95f, 0xa97c, 0xa980, 0xa9cd,
    0xa9cf, 0xa9d9, 0xa9de, 0xa9fe, 0xaa00, 0xaa36, 0xaa40, 0xaa4d, 0xaa50, 0xaa59, 0xaa5c, 0xaac2,
    0xaadb, 0xaaf6, 0xab01, 0xab06, 0xab09, 0xab0e, 0xab11, 0xab16, 0xab20, 0xab26, 0xab28, 0xab2e,
    0xab30, 0xab6b, 0xab70, 0xabed, 0xabf0, 0xabf9, 0xac00, 0xd7a3, 0xd7b0, 0xd7c6, 0xd7cb, 0xd7fb,
    0xe000, 0xfa6d, 0xfa70, 0xfad9, 0xfb00, 0xfb06, 0xfb13, 0xfb17, 0xfb1d, 0xfb36, 0xfb38, 0xfb3c,
    0xfb3e, 0xfb3e, 0xfb40, 0xfb41, 0xfb43, 0xfb44, 0xfb46, 0xfbc2, 0xfbd3, 0xfd8f, 0xfd92, 0xfdc7,
    0xfdcf, 0xfdcf, 0xfdf0, 0xfe19, 0xfe20, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xfe70, 0xfe74,
    0xfe76, 0xfefc, 0xfeff, 0xfeff, 0xff01, 0xffbe, 0xffc2, 0xffc7, 0xffca, 0xffcf, 0xffd2, 0xffd7,
    0xffda, 0xffdc, 0xffe0, 0xffe6, 0xffe8, 0xffee, 0xfff9, 0xfffd, 0x10000, 0x1000b, 0x1000d,
    0x10026, 0x10028, 0x1003a, 0x1003c, 0x1003d, 0x1003f, 0x1004d, 0x10050, 0x1005d, 0x10080,
    0x100fa, 0x10100, 0x10102, 0x10107, 0x10133, 0x10137, 0x1018e, 0x10190, 0x1019c, 0x101a0,
    0x101a0, 0x101d0, 0x101fd, 0x10280, 0x1029c, 0x102a0, 0x102d0, 0x102e0, 0x102fb, 0x10300,
    0x10323, 0x1032d, 0x1034a, 0x10350, 0x1037a, 0x10380, 0x1039d, 0x1039f, 0x103c3, 0x103c8,
    0x103d5, 0x10400, 0x1049d, 0x104a0, 0x104a9, 0x104b0, 0x104d3, 0x104d8, 0x104fb, 0x10500,
    0x10527, 0x10530, 0x10563, 0x1056f, 0x1057a, 0x1057c, 0x1058a, 0x1058c, 0x10592, 0x10594,
    0x10595, 0x10597, 0x105a1, 0x105a3, 0x105b1, 0x105b3, 0x105b9, 0x105bb, 0x105bc, 0x10600,
    0x10736, 0x10740, 0x10755, 0x10760, 0x10767, 0x10780, 0x10785, 0x10787, 0x107b0, 0x107b2,
    0x107ba, 0x10800, 0x10805, 0x10808, 0x10808, 0x1080a, 0x10835, 0x10837, 0x10838, 0x1083c,
    0x1083c, 0x1083f, 0x10855, 0x10857, 0x1089e, 0x108a7, 0x108af, 0x108e0, 0x108f2, 0x108f4,
    0x108f5, 0x108fb, 0x1091b, 0x1091f, 0x10939, 0x1093f, 0x1093f, 0x10980, 0x109b7, 0x109bc,
    0x109cf, 0x109d2, 0x10a03, 0x10a05, 0x10a06, 0x10a0c, 0x10a13, 0x10a15, 0x10a17, 0x10a19,
    0x10a35, 0x10a38, 0x10a3a, 0x10a3f, 0x10a48, 0x10a50, 0x10a58, 0x10a60, 0x10a9f, 0x10ac0,
    0x10ae6, 0x10aeb, 0x10af6, 0x10b00, 0x10b35, 0x10b39, 0x10b55, 0x10b58, 0x10b72, 0x10b78,
    0x10b91, 0x10b99, 0x10b9c, 0x10ba9, 0x10baf, 0x10c00, 0x10c48, 0x10c80, 0x10cb2, 0x10cc0,
    0x10cf2, 0x10cfa, 0x10d27, 0x10d30, 0x10d39, 0x10e60, 0x10e7e, 0x10e80, 0x10ea9, 0x10eab,
    0x10ead, 0x10eb0, 0x10eb1, 0x10f00, 0x10f27, 0x10f30, 0x10f59, 0x10f70, 0x10f89, 0x10fb0,
    0x10fcb, 0x10fe0, 0x10ff6, 0x11000, 0x1104d, 0x11052, 0x11075, 0x1107f, 0x110c2, 0x110cd,
    0x110cd, 0x110d0, 0x110e8, 0x110f0, 0x110f9, 0x11100, 0x11134, 0x11136, 0x11147, 0x11150,
    0x11176, 0x11180, 0x111df, 0x111e1, 0x111f4, 0x11200, 0x11211, 0x11213, 0x1123e, 0x11280,
    0x11286, 0x11288, 0x11288, 0x1128a, 0x1128d, 0x1128f, 0x1129d, 0x1129f, 0x112a9, 0x112b0,
    0x112ea, 0x112f0, 0x112f9, 0x11300, 0x11303, 0x11305, 0x1130c, 0x1130f, 0x11310, 0x11313,
    0x11328, 0x1132a, 0x11330, 0x11332, 0x11333, 0x11335, 0x11339, 0x1133b, 0x11344, 0x11347,
    0x11348, 0x1134b, 0x1134d, 0x11350, 0x11350, 0x11357, 0x11357, 0x1135d, 0x11363, 0x11366,
    0x1136c, 0x11370, 0x11374, 0x11400, 0x1145b, 0x1145d, 0x11461, 0x11480, 0x114c7, 0x114d0,
    0x114d9, 0x11580, 0x115b5, 0x115b8, 0x115dd, 0x11600, 0x11644, 0x11650, 0x11659, 0x11660,
    0x1166c, 0x11680, 0x116b9, 0x116c0, 0x116c9, 0x11700, 0x1171a, 0x1171d, 0x1172b, 0x11730,
    0x11746, 0x11800, 0x1183b, 0x118a0, 0x118f2, 0x118ff, 0x11906, 0x11909, 0x11909, 0x1190c,
    0x11913, 0x11915, 0x11916, 0x11918, 0x11935, 0x11937, 0x11938, 0x1193b, 0x11946, 0x11950,
    0x11959, 0x119a0, 0x119a7, 0x119aa, 0x119d7, 0x119da, 0x119e4, 0x11a00, 0x11a47, 0x11a50,
    0x11aa2, 0x11ab0, 0x11af8, 0x11c00, 0x11c08, 0x11c0a, 0x11c36, 0x11c38, 0x11c45, 0x11c50,
    0x11c6c, 0x11c70, 0x11c8f, 0x11c92, 0x11ca7, 0x11ca9, 0x11cb6, 0x11d00, 0x11d06, 0x11d08,
    0x11d09, 0x11d0b, 0x11d36, 0x11d3a, 0x11d3a, 0x11d3c, 0x11d3d, 0x11d3f, 0x11d47, 0x11d50,
    0x11d59, 0x11d60, 0x11d65, 0x11d67, 0x11d68, 0x11d6a, 0x11d8e, 0x11d90, 0x11d91, 0x11d93,
    0x11d98, 0x11da0, 0x11da9, 0x11ee0, 0x11ef8, 0x11fb0, 0x11fb0, 0x11fc0, 0x11ff1, 0x11fff,
    0x12399, 0x12400, 0x1246e, 0x12470, 0x12474, 0x12480, 0x12543, 0x12f90, 0x12ff2, 0x13000,
    0x1342e, 0x13430, 0x13438, 0x14400, 0x14646, 0x16800, 0x16a38, 0x16a40, 0x16a5e, 0x16a60,
    0x16a69, 0x16a6e, 0x16abe, 0x16ac0, 0x16ac9, 0x16ad0, 0x16aed, 0x16af0, 0x16af5, 0x16b00,
    0x16b45, 0x16b50, 0x16b59, 0x16b5b, 0x16b61, 0x16b63, 0x16b77, 0x16b7d, 0x16b8f, 0x16e40,
    0x16e9a, 0x16f00, 0x16f4a, 0x16f4f, 0x16f87, 0x16f8f, 0x16f9f, 0x16fe0, 0x16fe4, 0x16ff0,
    0x16ff1, 0x17000, 0x187f7, 0x18800, 0x18cd5, 0x18d00, 0x18d08, 0x1aff0, 0x1aff3, 0x1aff5,
    0x1affb, 0x1affd, 0x1affe, 0x1b000, 0x1b122, 0x1b150, 0x1b152, 0x1b164, 0x1b167, 0x1b170,
    0x1b2fb, 0x1bc00, 0x1bc6a, 0x1bc70, 0x1bc7c, 0x1bc80, 0x1bc88, 0x1bc90, 0x1bc99, 0x1bc9c,
    0x1bca3, 0x1cf00, 0x1cf2d, 0x1cf30, 0x1cf46, 0x1cf50, 0x1cfc3, 0x1d000, 0x1d0f5, 0x1d100,
    0x1d126, 0x1d129, 0x1d1ea, 0x1d200, 0x1d245, 0x1d2e0, 0x1d2f3, 0x1d300, 0x1d356, 0x1d360,
    0x1d378, 0x1d400, 0x1d454, 0x1d456, 0x1d49c, 0x1d49e, 0x1d49f, 0x1d4a2, 0x1d4a2, 0x1d4a5,
    0x1d4a6, 0x1d4a9, 0x1d4ac, 0x1d4ae, 0x1d4b9, 0x1d4bb, 0x1d4bb, 0x1d4bd, 0x1d4c3, 0x1d4c5,
    0x1d505, 0x1d507, 0x1d50a, 0x1d50d, 0x1d514, 0x1d516, 0x1d51c, 0x1d51e, 0x1d539, 0x1d53b,
    0x1d53e, 0x1d540, 0x1d544, 0x1d546, 0x1d546, 0x1d54a, 0x1d550, 0x1d552, 0x1d6a5, 0x1d6a8,
    0x1d7cb, 0x1d7ce, 0x1da8b, 0x1da9b, 0x1da9f, 0x1daa1, 0x1daaf, 0x1df00, 0x1df1e, 0x1e000,
    0x1e006, 0x1e008, 0x1e018, 0x1e01b, 0x1e021, 0x1e023, 0x1e024, 0x1e026, 0x1e02a, 0x1e100,
    0x1e12c, 0x1e130, 0x1e13d, 0x1e140, 0x1e149, 0x1e14e, 0x1e14f, 0x1e290, 0x1e2ae, 0x1e2c0,
    0x1e2f9, 0x1e2ff, 0x1e2ff, 0x1e7e0, 0x1e7e6, 0x1e7e8, 0x1e7eb, 0x1e7ed, 0x1e7ee, 0x1e7f0,
    0x1e7fe, 0x1e800, 0x1e8c4, 0x1e8c7, 0x1e8d6, 0x1e900, 0x1e94b, 0x1e950, 0x1e959, 0x1e95e,
    0x1e95f, 0x1ec71, 0x1ecb4, 0x1ed01, 0x1ed3d, 0x1ee00, 0x1ee03, 0x1ee05, 0x1ee1f, 0x1ee21,
    0x1ee22, 0x1ee24, 0x1ee24, 0x1ee27, 0x1ee27, 0x1ee29, 0x1ee32, 0x1ee34, 0x1ee37, 0x1ee39,
    0x1ee39, 0x1ee3b, 0x1ee3b, 0x1ee42, 0x1ee42, 0x1ee47, 0x1ee47, 0x1ee49, 0x1ee49, 0x1ee4b,
    0x1ee4b, 0x1ee4d, 0x1ee4f, 0x1ee51, 0x1ee52, 0x1ee54, 0x1ee54, 0x1ee57, 0x1ee57, 0x1ee59,
    0x1ee59, 0x1ee5b, 0x1ee5b, 0x1ee5d, 0x1ee5d, 0x1ee5f, 0x1ee5f, 0x1ee61, 0x1ee62, 0x1ee64,
    0x1ee64, 0x1ee67, 0x1ee6a, 0x1ee6c, 0x1ee72, 0x1ee74, 0x1ee77, 0x1ee79, 0x1ee7c, 0x1ee7e,
    0x1ee7e, 0x1ee80, 0x1ee89, 0x1ee8b, 0x1ee9b, 0x1eea1, 0x1eea3, 0x1eea5, 0x1eea9, 0x1eeab,
    0x1eebb, 0x1eef0, 0x1eef1, 0x1f000, 0x1f02b, 0x1f030, 0x1f093, 0x1f0a0, 0x1f0ae, 0x1f0b1,
    0x1f0bf, 0x1f0c1, 0x1f0cf, 0x1f0d1, 0x1f0f5, 0x1f100, 0x1f1ad, 0x1f1e6, 0x1f202, 0x1f210,
    0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251, 0x1f260, 0x1f265, 0x1f300, 0x1f6d7, 0x1f6dd,
    0x1f6ec, 0x1f6f0, 0x1f6fc, 0x1f700, 0x1f773, 0x1f780, 0x1f7d8, 0x1f7e0, 0x1f7eb, 0x1f7f0,
    0x1f7f0, 0x1f800, 0x1f80b, 0x1f810, 0x1f847, 0x1f850, 0x1f859, 0x1f860, 0x1f887, 0x1f890,
    0x1f8ad, 0x1f8b0, 0x1f8b1, 0x1f900, 0x1fa53, 0x1fa60, 0x1fa6d, 0x1fa70, 0x1fa74, 0x1fa78,
    0x1fa7c, 0x1fa80, 0x1fa86, 0x1fa90, 0x1faac, 0x1fab0, 0x1faba, 0x1fac0, 0x1fac5, 0x1fad0,
    0x1fad9, 0x1fae0, 0x1fae7, 0x1faf0, 0x1faf6, 0x1fb00, 0x1fb92, 0x1fb94, 0x1fbca, 0x1fbf0,
    0x1fbf9, 0x20000, 0x2a6df, 0x2a700, 0x2b738, 0x2b740, 0x2b81d, 0x2b820, 0x2cea1, 0x2ceb0,
    0x2ebe0, 0x2f800, 0x2fa1d, 0x30000, 0x3134a, 0xe0001, 0xe0001, 0xe0020, 0xe007f, 0xe0100,
    0xe01ef, 0xf0000, 0xffffd, 0x100000, 0x10fffd,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    // The expected bytes below came from GNU du 9.1 (coreutils, Debian 12, glibc 2.36) on the
    // machine this module was written on, run in an empty directory as
    //     env -i PATH="$PATH" LANG=$L du -- "$NAME"   # quoteaf
    //     env -i PATH="$PATH" LANG=$L du -X "$NAME"   # quotef
    //     env -i PATH="$PATH" LANG=$L du -d "$NAME"   # quote
    // for L in C and C.UTF-8, keeping only the quoted part of the first line of stderr.
    // (`du -- ''` says "invalid zero-length file name" instead, so the empty name is only in the
    // -X and -d tables.)

    /// `du -- NAME`: "du: cannot access QUOTED: No such file or directory" with LANG=C.
    const ALWAYS_C: &[(&[u8], &[u8])] = &[
        (b"a", br"'a'"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), br"''$'\303\251'"),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"'a~'"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"'a#'"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), br"''$'\346\227\245\346\234\254'"),
        ("😀".as_bytes(), br"''$'\360\237\230\200'"),
        ("a\u{200b}b".as_bytes(), br"'a'$'\342\200\213''b'"),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"'{}'"),
        (b"a{", br"'a{'"),
        (b"@", br"'@'"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"'%d'"),
        (b"-", br"'-'"),
        (b"./x", br"'./x'"),
        (b"a_b.c,d+e-f", br"'a_b.c,d+e-f'"),
        (b"A@B", br"'A@B'"),
        (b"a]b", br"'a]b'"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"']'"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), br"''$'\303\251'\'''"),
        ("é\n".as_bytes(), br"''$'\303\251\n'"),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), br"''$'\302\240'"),
        ("‘".as_bytes(), br"''$'\342\200\230'"),
        ("’".as_bytes(), br"''$'\342\200\231'"),
        ("a’b".as_bytes(), br"'a'$'\342\200\231''b'"),
        ("‘a’".as_bytes(), br"''$'\342\200\230''a'$'\342\200\231'"),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), br"''$'\356\200\200'"),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), br"''$'\302\255'"),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), br"'''a'\'''$'\303\251'"),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        (
            "日'本\n".as_bytes(),
            br"'\346\227\245'\'''$'\346\234\254\n'",
        ),
        ("x\x01é".as_bytes(), br"'x'$'\001\303\251'"),
        ("é\u{301}".as_bytes(), br"''$'\303\251\314\201'"),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    /// `du -- NAME`: "du: cannot access QUOTED: No such file or directory" with LANG=C.UTF-8.
    const ALWAYS_UTF8: &[(&[u8], &[u8])] = &[
        (b"a", br"'a'"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), r"'é'".as_bytes()),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"'a~'"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"'a#'"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), r"'日本'".as_bytes()),
        ("😀".as_bytes(), r"'😀'".as_bytes()),
        ("a\u{200b}b".as_bytes(), "'a\u{200b}b'".as_bytes()),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"'{}'"),
        (b"a{", br"'a{'"),
        (b"@", br"'@'"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"'%d'"),
        (b"-", br"'-'"),
        (b"./x", br"'./x'"),
        (b"a_b.c,d+e-f", br"'a_b.c,d+e-f'"),
        (b"A@B", br"'A@B'"),
        (b"a]b", br"'a]b'"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"']'"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), r#""é'""#.as_bytes()),
        ("é\n".as_bytes(), r"'é'$'\n'".as_bytes()),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), "'\u{a0}'".as_bytes()),
        ("‘".as_bytes(), r"'‘'".as_bytes()),
        ("’".as_bytes(), r"'’'".as_bytes()),
        ("a’b".as_bytes(), r"'a’b'".as_bytes()),
        ("‘a’".as_bytes(), r"'‘a’'".as_bytes()),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), "'\u{e000}'".as_bytes()),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), "'\u{ad}'".as_bytes()),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), r#""a'é""#.as_bytes()),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        ("日'本\n".as_bytes(), r"'''日'\''本'$'\n'".as_bytes()),
        ("x\x01é".as_bytes(), r"'x'$'\001''é'".as_bytes()),
        ("é\u{301}".as_bytes(), "'é\u{301}'".as_bytes()),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    /// `du -X NAME`: "du: QUOTED: No such file or directory" with LANG=C.
    const IF_NEEDED_C: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"a"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), br"''$'\303\251'"),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"a~"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"a#"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), br"''$'\346\227\245\346\234\254'"),
        ("😀".as_bytes(), br"''$'\360\237\230\200'"),
        ("a\u{200b}b".as_bytes(), br"'a'$'\342\200\213''b'"),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"{}"),
        (b"a{", br"a{"),
        (b"@", br"@"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"%d"),
        (b"./x", br"./x"),
        (b"a_b.c,d+e-f", br"a_b.c,d+e-f"),
        (b"A@B", br"A@B"),
        (b"a]b", br"a]b"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"]"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), br"''$'\303\251'\'''"),
        ("é\n".as_bytes(), br"''$'\303\251\n'"),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), br"''$'\302\240'"),
        ("‘".as_bytes(), br"''$'\342\200\230'"),
        ("’".as_bytes(), br"''$'\342\200\231'"),
        ("a’b".as_bytes(), br"'a'$'\342\200\231''b'"),
        ("‘a’".as_bytes(), br"''$'\342\200\230''a'$'\342\200\231'"),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), br"''$'\356\200\200'"),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), br"''$'\302\255'"),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), br"'''a'\'''$'\303\251'"),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        (
            "日'本\n".as_bytes(),
            br"'\346\227\245'\'''$'\346\234\254\n'",
        ),
        ("x\x01é".as_bytes(), br"'x'$'\001\303\251'"),
        ("é\u{301}".as_bytes(), br"''$'\303\251\314\201'"),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    /// `du -X NAME`: "du: QUOTED: No such file or directory" with LANG=C.UTF-8.
    const IF_NEEDED_UTF8: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"a"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), r"é".as_bytes()),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"a~"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"a#"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), r"日本".as_bytes()),
        ("😀".as_bytes(), r"😀".as_bytes()),
        ("a\u{200b}b".as_bytes(), "a\u{200b}b".as_bytes()),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"{}"),
        (b"a{", br"a{"),
        (b"@", br"@"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"%d"),
        (b"./x", br"./x"),
        (b"a_b.c,d+e-f", br"a_b.c,d+e-f"),
        (b"A@B", br"A@B"),
        (b"a]b", br"a]b"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"]"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), r#""é'""#.as_bytes()),
        ("é\n".as_bytes(), r"'é'$'\n'".as_bytes()),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), "\u{a0}".as_bytes()),
        ("‘".as_bytes(), r"‘".as_bytes()),
        ("’".as_bytes(), r"’".as_bytes()),
        ("a’b".as_bytes(), r"a’b".as_bytes()),
        ("‘a’".as_bytes(), r"‘a’".as_bytes()),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), "\u{e000}".as_bytes()),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), "\u{ad}".as_bytes()),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), r#""a'é""#.as_bytes()),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        ("日'本\n".as_bytes(), r"'''日'\''本'$'\n'".as_bytes()),
        ("x\x01é".as_bytes(), r"'x'$'\001''é'".as_bytes()),
        ("é\u{301}".as_bytes(), "é\u{301}".as_bytes()),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    /// `du -d NAME`: "du: invalid maximum depth QUOTED" with LANG=C.
    const LOCALE_C: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"'a'"),
        (b"a'b", br"'a\'b'"),
        (b"n\nl", br"'n\nl'"),
        (b"x\xffy", br"'x\377y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), br"'\303\251'"),
        (b"a\\b", br"'a\\b'"),
        (b"\\", br"'\\'"),
        (b"a\tb", br"'a\tb'"),
        (b"\tx", br"'\tx'"),
        (b"x\n", br"'x\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"'a~'"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"'a#'"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"'\001'"),
        (b"a\x01b", br"'a\001b'"),
        (b"\x7f", br"'\177'"),
        (b"\x1b[31m", br"'\033[31m'"),
        ("日本".as_bytes(), br"'\346\227\245\346\234\254'"),
        ("😀".as_bytes(), br"'\360\237\230\200'"),
        ("a\u{200b}b".as_bytes(), br"'a\342\200\213b'"),
        (b"a'b\nc", br"'a\'b\nc'"),
        (b"'", br"'\''"),
        (b"''", br"'\'\''"),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"'{}'"),
        (b"a{", br"'a{'"),
        (b"@", br"'@'"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"'%d'"),
        (b"-", br"'-'"),
        (b"./x", br"'./x'"),
        (b"a_b.c,d+e-f", br"'a_b.c,d+e-f'"),
        (b"A@B", br"'A@B'"),
        (b"a]b", br"'a]b'"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"']'"),
        (b"a\"'b", br#"'a"\'b'"#),
        (b"a b'c", br"'a b\'c'"),
        ("é'".as_bytes(), br"'\303\251\''"),
        ("é\n".as_bytes(), br"'\303\251\n'"),
        (b"a'\xff", br"'a\'\377'"),
        (b"\xc3", br"'\303'"),
        (b"\xc3(", br"'\303('"),
        (b"\xe2\x80x", br"'\342\200x'"),
        (b"\xed\xa0\x80", br"'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"'\364\220\200\200'"),
        (b"\xc0\x80", br"'\300\200'"),
        ("\u{80}".as_bytes(), br"'\302\200'"),
        ("\u{a0}".as_bytes(), br"'\302\240'"),
        ("‘".as_bytes(), br"'\342\200\230'"),
        ("’".as_bytes(), br"'\342\200\231'"),
        ("a’b".as_bytes(), br"'a\342\200\231b'"),
        ("‘a’".as_bytes(), br"'\342\200\230a\342\200\231'"),
        ("\u{ffff}".as_bytes(), br"'\357\277\277'"),
        ("\u{e000}".as_bytes(), br"'\356\200\200'"),
        ("\u{2028}".as_bytes(), br"'\342\200\250'"),
        ("\u{378}".as_bytes(), br"'\315\270'"),
        ("\u{ad}".as_bytes(), br"'\302\255'"),
        (b"\x07\x08\x0c\r\x0b", br"'\a\b\f\r\v'"),
        (b"\n'", br"'\n\''"),
        (b"'\n", br"'\'\n'"),
        (b"a'b\\", br"'a\'b\\'"),
        (b"a'b*", br"'a\'b*'"),
        (b"#a'b", br"'#a\'b'"),
        (b"~'", br"'~\''"),
        ("a'é".as_bytes(), br"'a\'\303\251'"),
        ("a'\u{2028}".as_bytes(), br"'a\'\342\200\250'"),
        (b"a'\x01", br"'a\'\001'"),
        (b"\x01'\x02", br"'\001\'\002'"),
        (b"'\t'", br"'\'\t\''"),
        ("日'本\n".as_bytes(), br"'\346\227\245\'\346\234\254\n'"),
        ("x\x01é".as_bytes(), br"'x\001\303\251'"),
        ("é\u{301}".as_bytes(), br"'\303\251\314\201'"),
        (b"0\x011", br"'0\0011'"),
        (b"'a'b'", br"'\'a\'b\''"),
        (b"a'#", br"'a\'#'"),
        (b"a'{", br"'a\'{'"),
        (b"{'", br"'{\''"),
        (b" ", br"' '"),
    ];

    /// `du -d NAME`: "du: invalid maximum depth QUOTED" with LANG=C.UTF-8.
    const LOCALE_UTF8: &[(&[u8], &[u8])] = &[
        (b"", r"‘’".as_bytes()),
        (b"a", r"‘a’".as_bytes()),
        (b"a'b", r"‘a'b’".as_bytes()),
        (b"n\nl", r"‘n\nl’".as_bytes()),
        (b"x\xffy", r"‘x\377y’".as_bytes()),
        (b"sp ace", r"‘sp ace’".as_bytes()),
        ("é".as_bytes(), r"‘é’".as_bytes()),
        (b"a\\b", r"‘a\\b’".as_bytes()),
        (b"\\", r"‘\\’".as_bytes()),
        (b"a\tb", r"‘a\tb’".as_bytes()),
        (b"\tx", r"‘\tx’".as_bytes()),
        (b"x\n", r"‘x\n’".as_bytes()),
        (b"~", r"‘~’".as_bytes()),
        (b"~a", r"‘~a’".as_bytes()),
        (b"a~", r"‘a~’".as_bytes()),
        (b"#", r"‘#’".as_bytes()),
        (b"#a", r"‘#a’".as_bytes()),
        (b"a#", r"‘a#’".as_bytes()),
        (b"=", r"‘=’".as_bytes()),
        (b"a=b", r"‘a=b’".as_bytes()),
        (b"*", r"‘*’".as_bytes()),
        (b"?", r"‘?’".as_bytes()),
        (b"$HOME", r"‘$HOME’".as_bytes()),
        (b"!", r"‘!’".as_bytes()),
        (b"\x01", r"‘\001’".as_bytes()),
        (b"a\x01b", r"‘a\001b’".as_bytes()),
        (b"\x7f", r"‘\177’".as_bytes()),
        (b"\x1b[31m", r"‘\033[31m’".as_bytes()),
        ("日本".as_bytes(), r"‘日本’".as_bytes()),
        ("😀".as_bytes(), r"‘😀’".as_bytes()),
        ("a\u{200b}b".as_bytes(), "‘a\u{200b}b’".as_bytes()),
        (b"a'b\nc", r"‘a'b\nc’".as_bytes()),
        (b"'", r"‘'’".as_bytes()),
        (b"''", r"‘''’".as_bytes()),
        (b"a\"b", r#"‘a"b’"#.as_bytes()),
        (b"{", r"‘{’".as_bytes()),
        (b"}", r"‘}’".as_bytes()),
        (b"{}", r"‘{}’".as_bytes()),
        (b"a{", r"‘a{’".as_bytes()),
        (b"@", r"‘@’".as_bytes()),
        (b":", r"‘:’".as_bytes()),
        (b"a:b", r"‘a:b’".as_bytes()),
        (b"%d", r"‘%d’".as_bytes()),
        (b"-", r"‘-’".as_bytes()),
        (b"./x", r"‘./x’".as_bytes()),
        (b"a_b.c,d+e-f", r"‘a_b.c,d+e-f’".as_bytes()),
        (b"A@B", r"‘A@B’".as_bytes()),
        (b"a]b", r"‘a]b’".as_bytes()),
        (b"^", r"‘^’".as_bytes()),
        (b"`", r"‘`’".as_bytes()),
        (b"|", r"‘|’".as_bytes()),
        (b"&", r"‘&’".as_bytes()),
        (b";", r"‘;’".as_bytes()),
        (b"<", r"‘<’".as_bytes()),
        (b">", r"‘>’".as_bytes()),
        (b"(", r"‘(’".as_bytes()),
        (b")", r"‘)’".as_bytes()),
        (b"[", r"‘[’".as_bytes()),
        (b"]", r"‘]’".as_bytes()),
        (b"a\"'b", r#"‘a"'b’"#.as_bytes()),
        (b"a b'c", r"‘a b'c’".as_bytes()),
        ("é'".as_bytes(), r"‘é'’".as_bytes()),
        ("é\n".as_bytes(), r"‘é\n’".as_bytes()),
        (b"a'\xff", r"‘a'\377’".as_bytes()),
        (b"\xc3", r"‘\303’".as_bytes()),
        (b"\xc3(", r"‘\303(’".as_bytes()),
        (b"\xe2\x80x", r"‘\342\200x’".as_bytes()),
        (b"\xed\xa0\x80", r"‘\355\240\200’".as_bytes()),
        (b"\xf4\x90\x80\x80", r"‘\364\220\200\200’".as_bytes()),
        (b"\xc0\x80", r"‘\300\200’".as_bytes()),
        ("\u{80}".as_bytes(), r"‘\302\200’".as_bytes()),
        ("\u{a0}".as_bytes(), "‘\u{a0}’".as_bytes()),
        ("‘".as_bytes(), r"‘‘’".as_bytes()),
        ("’".as_bytes(), r"‘\’’".as_bytes()),
        ("a’b".as_bytes(), r"‘a\’b’".as_bytes()),
        ("‘a’".as_bytes(), r"‘‘a\’’".as_bytes()),
        ("\u{ffff}".as_bytes(), r"‘\357\277\277’".as_bytes()),
        ("\u{e000}".as_bytes(), "‘\u{e000}’".as_bytes()),
        ("\u{2028}".as_bytes(), r"‘\342\200\250’".as_bytes()),
        ("\u{378}".as_bytes(), r"‘\315\270’".as_bytes()),
        ("\u{ad}".as_bytes(), "‘\u{ad}’".as_bytes()),
        (b"\x07\x08\x0c\r\x0b", r"‘\a\b\f\r\v’".as_bytes()),
        (b"\n'", r"‘\n'’".as_bytes()),
        (b"'\n", r"‘'\n’".as_bytes()),
        (b"a'b\\", r"‘a'b\\’".as_bytes()),
        (b"a'b*", r"‘a'b*’".as_bytes()),
        (b"#a'b", r"‘#a'b’".as_bytes()),
        (b"~'", r"‘~'’".as_bytes()),
        ("a'é".as_bytes(), r"‘a'é’".as_bytes()),
        ("a'\u{2028}".as_bytes(), r"‘a'\342\200\250’".as_bytes()),
        (b"a'\x01", r"‘a'\001’".as_bytes()),
        (b"\x01'\x02", r"‘\001'\002’".as_bytes()),
        (b"'\t'", r"‘'\t'’".as_bytes()),
        ("日'本\n".as_bytes(), r"‘日'本\n’".as_bytes()),
        ("x\x01é".as_bytes(), r"‘x\001é’".as_bytes()),
        ("é\u{301}".as_bytes(), "‘é\u{301}’".as_bytes()),
        (b"0\x011", r"‘0\0011’".as_bytes()),
        (b"'a'b'", r"‘'a'b'’".as_bytes()),
        (b"a'#", r"‘a'#’".as_bytes()),
        (b"a'{", r"‘a'{’".as_bytes()),
        (b"{'", r"‘{'’".as_bytes()),
        (b" ", r"‘ ’".as_bytes()),
    ];
    fn check(table: &[(&[u8], &[u8])], quote: fn(&[u8], Charset) -> Vec<u8>, cs: Charset) {
        for &(name, expected) in table {
            assert_eq!(
                quote(name, cs),
                expected,
                "{:?} in {cs:?}: got {:?}, du says {:?}",
                String::from_utf8_lossy(name),
                String::from_utf8_lossy(&quote(name, cs)),
                String::from_utf8_lossy(expected),
            );
        }
    }

    #[test]
    fn quote_always_matches_du() {
        check(ALWAYS_C, quote_always, Charset::Ascii);
        check(ALWAYS_UTF8, quote_always, Charset::Utf8);
    }

    #[test]
    fn quote_if_needed_matches_du() {
        check(IF_NEEDED_C, quote_if_needed, Charset::Ascii);
        check(IF_NEEDED_UTF8, quote_if_needed, Charset::Utf8);
    }

    #[test]
    fn quote_locale_matches_du() {
        check(LOCALE_C, quote_locale, Charset::Ascii);
        check(LOCALE_UTF8, quote_locale, Charset::Utf8);
    }

    #[test]
    fn empty_and_nul() {
        for cs in [Charset::Ascii, Charset::Utf8] {
            assert_eq!(quote_always(b"", cs), b"''");
            assert_eq!(quote_if_needed(b"", cs), b"''");
            // C strings end at the first NUL.
            assert_eq!(quote_always(b"a\0b", cs), b"'a'");
            assert_eq!(quote_if_needed(b"a\0'", cs), b"a");
            assert_eq!(quote_if_needed(b"\0", cs), b"''");
        }
        assert_eq!(quote_locale(b"x\0\n", Charset::Ascii), b"'x'");
    }

    #[test]
    fn printable_table_edges() {
        assert!(is_printable_char(0x20) && is_printable_char(0x7e));
        assert!(!is_printable_char(0x1f) && !is_printable_char(0x7f) && !is_printable_char(0x9f));
        assert!(
            is_printable_char(0xa0) && is_printable_char(0x200b) && is_printable_char(0x10fffd)
        );
        assert!(
            !is_printable_char(0x2028) && !is_printable_char(0x378) && !is_printable_char(0xffff)
        );
        assert!(!is_printable_char(0x10fffe) && !is_printable_char(0x110000));
        assert!(PRINTABLE.windows(2).all(|w| w[0] <= w[1]));
    }

    // ---- Charset::from_env, against locale files laid out as glibc 2.36 has them ----

    /// A scratch directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new() -> Scratch {
            static COUNT: AtomicUsize = AtomicUsize::new(0);
            let n = COUNT.fetch_add(1, Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("dug-quote-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("locale")).unwrap();
            Scratch(dir)
        }

        fn files(&self) -> LocaleFiles {
            LocaleFiles {
                default_dir: self.0.join("locale"),
                archive: self.0.join("locale/locale-archive"),
                alias_file: self.0.join("locale.alias"),
            }
        }

        /// A locale directory `<root>/<name>` with every category but those in `skip`.
        fn locale_dir(&self, root: &str, name: &str, codeset: &str, skip: &[&str]) {
            let dir = self.0.join(root).join(name);
            for (category, number) in CATEGORIES {
                if skip.contains(&category) {
                    continue;
                }
                let data = category_data(number, codeset);
                if category == "LC_MESSAGES" {
                    std::fs::create_dir_all(dir.join(category)).unwrap();
                    std::fs::write(dir.join(category).join("SYS_LC_MESSAGES"), data).unwrap();
                } else {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(dir.join(category), data).unwrap();
                }
            }
        }

        fn charset(&self, vars: &[(&str, &str)]) -> Charset {
            let get = |key: &str| {
                vars.iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| OsString::from(*v))
            };
            charset_with(&get, &self.files())
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Minimal category data: the header, 15 items all pointing at the codeset name.
    fn category_data(number: u32, codeset: &str) -> Vec<u8> {
        let count = 15u32;
        let mut data = Vec::new();
        data.extend_from_slice(&locale_magic(number).to_ne_bytes());
        data.extend_from_slice(&count.to_ne_bytes());
        let start = 8 + 4 * count;
        for _ in 0..count {
            data.extend_from_slice(&start.to_ne_bytes());
        }
        data.extend_from_slice(codeset.as_bytes());
        data.push(0);
        data
    }

    /// A locale archive holding `locales` (name, codeset), in glibc's layout.
    fn archive(locales: &[(&str, &str)]) -> Vec<u8> {
        let size = 11u32;
        let namehash_offset = 56u32;
        let string_offset = namehash_offset + 12 * size;
        let mut strings = Vec::new();
        let mut name_offsets = Vec::new();
        for (name, _) in locales {
            name_offsets.push(string_offset + strings.len() as u32);
            strings.extend_from_slice(name.as_bytes());
            strings.push(0);
        }
        let locrec_offset = string_offset + strings.len() as u32;
        let record_len = 4 + 8 * LC_LAST;
        let mut data_offset = locrec_offset + record_len * locales.len() as u32;
        let mut records = Vec::new();
        let mut blobs = Vec::new();
        for (_, codeset) in locales {
            records.extend_from_slice(&1u32.to_ne_bytes());
            for n in 0..LC_LAST {
                let blob = if n == 6 {
                    Vec::new()
                } else {
                    category_data(n, codeset)
                };
                records.extend_from_slice(&data_offset.to_ne_bytes());
                records.extend_from_slice(&(blob.len() as u32).to_ne_bytes());
                data_offset += blob.len() as u32;
                blobs.extend_from_slice(&blob);
            }
        }
        let mut table = vec![[0u32; 3]; size as usize];
        for (i, (name, _)) in locales.iter().enumerate() {
            let hash = archive_hash(name.as_bytes());
            let mut index = hash % size;
            while table[index as usize][1] != 0 {
                index = (index + 1 + hash % (size - 2)) % size;
            }
            table[index as usize] = [hash, name_offsets[i], locrec_offset + record_len * i as u32];
        }
        let header = [
            0xde02_0109,
            0,
            namehash_offset,
            locales.len() as u32,
            size,
            string_offset,
            strings.len() as u32,
            strings.len() as u32,
            locrec_offset,
            locales.len() as u32,
            locales.len() as u32,
            0,
            0,
            0,
        ];
        let mut out = Vec::new();
        for word in header.iter().chain(table.iter().flatten()) {
            out.extend_from_slice(&word.to_ne_bytes());
        }
        out.extend_from_slice(&strings);
        out.extend_from_slice(&records);
        out.extend_from_slice(&blobs);
        out
    }

    use Charset::{Ascii, Utf8};

    #[test]
    fn c_locale_without_any_files() {
        let s = Scratch::new();
        assert_eq!(s.charset(&[]), Ascii);
        assert_eq!(s.charset(&[("LANG", "C")]), Ascii);
        assert_eq!(
            s.charset(&[("LC_ALL", "POSIX"), ("LANG", "C.UTF-8")]),
            Ascii
        );
        assert_eq!(s.charset(&[("LANG", "C.UTF-8")]), Ascii);
        assert_eq!(s.charset(&[("LANG", "en_US.UTF-8")]), Ascii);
    }

    #[test]
    fn utf8_locale_directory() {
        let s = Scratch::new();
        s.locale_dir("locale", "C.utf8", "UTF-8", &[]);
        // Observed with du on this machine (only C, C.utf8 and POSIX installed).
        for lang in [
            "C.UTF-8",
            "C.utf8",
            "C.UTF8",
            "C.utf-8",
            "C.Utf-8",
            "C.UTF-8@foo",
            "C_XX.UTF-8",
        ] {
            assert_eq!(s.charset(&[("LANG", lang)]), Utf8, "{lang}");
        }
        for lang in [
            "c.utf8",
            "C.UTF_8",
            "C.UTF-8.x",
            "C.",
            "C@x",
            "POSIX.UTF-8",
            ".utf8",
            "C.utf8/",
            "en_US.UTF-8",
            "C.ISO-8859-1",
        ] {
            assert_eq!(s.charset(&[("LANG", lang)]), Ascii, "{lang}");
        }
        let abs = format!("{}/locale/C.utf8", s.0.display());
        assert_eq!(s.charset(&[("LANG", &abs)]), Ascii);
        // One category that cannot load sends everything back to C.
        assert_eq!(
            s.charset(&[("LANG", "C.UTF-8"), ("LC_TIME", "xx_YY")]),
            Ascii
        );
        assert_eq!(
            s.charset(&[("LANG", "xx_YY"), ("LC_CTYPE", "C.UTF-8")]),
            Ascii
        );
        let all = [
            ("LC_ALL", "C.UTF-8"),
            ("LANG", "C.UTF-8"),
            ("LC_TIME", "xx"),
        ];
        assert_eq!(s.charset(&all), Utf8);
        assert_eq!(s.charset(&[("LC_CTYPE", "C.UTF-8"), ("LANG", "C")]), Utf8);
        assert_eq!(
            s.charset(&[("LC_CTYPE", "POSIX"), ("LANG", "C.UTF-8")]),
            Ascii
        );
        assert_eq!(s.charset(&[("LC_MESSAGES", "C.UTF-8")]), Ascii);
        let empty = [("LC_ALL", ""), ("LC_CTYPE", ""), ("LANG", "C.UTF-8")];
        assert_eq!(s.charset(&empty), Utf8);
    }

    #[test]
    fn partial_broken_and_other_codesets() {
        let s = Scratch::new();
        s.locale_dir("locale", "C.utf8", "UTF-8", &[]);
        s.locale_dir("locale", "part", "UTF-8", &["LC_TIME"]);
        s.locale_dir("locale", "lat", "ISO-8859-1", &[]);
        s.locale_dir("locale", "we.ird", "UTF-8", &[]);
        assert_eq!(s.charset(&[("LANG", "part")]), Ascii);
        assert_eq!(s.charset(&[("LC_CTYPE", "part")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "lat")]), Ascii);
        assert_eq!(
            s.charset(&[("LANG", "lat.UTF-8"), ("LC_CTYPE", "C.UTF-8")]),
            Ascii
        );
        let named = [("LANG", "lat.ISO-8859-1"), ("LC_CTYPE", "C.UTF-8")];
        assert_eq!(s.charset(&named), Utf8);
        let normalized = [("LANG", "lat.iso88591"), ("LC_CTYPE", "C.UTF-8")];
        assert_eq!(s.charset(&normalized), Utf8);
        // "we.ird" is found as it is, but its codeset is not "ird".
        assert_eq!(s.charset(&[("LANG", "we.ird")]), Ascii);
        // A codeset named without a language part is looked up, and must match.
        assert_eq!(s.charset(&[("LANG", "C.")]), Ascii);
        std::fs::write(s.0.join("locale/C.utf8/LC_NAME"), b"junk").unwrap();
        assert_eq!(s.charset(&[("LANG", "C.UTF-8")]), Ascii);
    }

    #[test]
    fn locpath_and_aliases() {
        let s = Scratch::new();
        s.locale_dir("locale", "C.utf8", "UTF-8", &[]);
        s.locale_dir("extra", "xx", "UTF-8", &[]);
        let extra = format!("{}/extra", s.0.display());
        assert_eq!(s.charset(&[("LANG", "xx")]), Ascii);
        assert_eq!(s.charset(&[("LANG", "xx"), ("LOCPATH", &extra)]), Utf8);
        assert_eq!(
            s.charset(&[("LANG", "xx_QQ.UTF-8@m"), ("LOCPATH", &extra)]),
            Utf8
        );
        assert_eq!(
            s.charset(&[("LANG", "xx.ISO-8859-1"), ("LOCPATH", &extra)]),
            Ascii
        );
        // The default directory is still searched after LOCPATH.
        assert_eq!(
            s.charset(&[("LANG", "C.UTF-8"), ("LOCPATH", "/nonexistent")]),
            Utf8
        );
        std::fs::write(
            s.0.join("locale.alias"),
            "# comment\nmyutf\tC.UTF-8\n  spacey   C.utf8 trailing\ndupe C.utf8\ndupe C\n",
        )
        .unwrap();
        assert_eq!(s.charset(&[("LANG", "myutf")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "MYUTF")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "spacey")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "comment")]), Ascii);
        assert_eq!(s.charset(&[("LANG", "myutf"), ("LOCPATH", &extra)]), Utf8);
    }

    #[test]
    fn locale_archive() {
        let s = Scratch::new();
        let locales = [
            ("en_US.utf8", "UTF-8"),
            ("de_DE", "ISO-8859-1"),
            ("ar_IN", "UTF-8"),
        ];
        std::fs::write(s.0.join("locale/locale-archive"), archive(&locales)).unwrap();
        assert_eq!(s.charset(&[("LANG", "en_US.UTF-8")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "en_US.utf8")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "ar_IN")]), Utf8);
        assert_eq!(
            s.charset(&[("LANG", "de_DE"), ("LC_CTYPE", "en_US.UTF-8")]),
            Utf8
        );
        assert_eq!(
            s.charset(&[("LANG", "en_US.UTF-8"), ("LC_CTYPE", "de_DE")]),
            Ascii
        );
        // The archive has no fallbacks, and is not read at all when LOCPATH is set.
        assert_eq!(s.charset(&[("LANG", "en_US")]), Ascii);
        assert_eq!(s.charset(&[("LANG", "en_US.UTF-8@euro")]), Ascii);
        assert_eq!(
            s.charset(&[("LANG", "en_US.UTF-8"), ("LOCPATH", "/x")]),
            Ascii
        );
        std::fs::write(s.0.join("locale.alias"), "myen en_US.UTF-8\n").unwrap();
        assert_eq!(s.charset(&[("LANG", "myen")]), Utf8);
        assert_eq!(s.charset(&[("LANG", "myen"), ("LOCPATH", "/x")]), Ascii);
    }

    #[test]
    fn from_env_reads_the_environment_it_is_given() {
        let get = |key: &str| (key == "LANG").then(|| OsString::from("C"));
        assert_eq!(Charset::from_env(&get), Ascii);
        assert_eq!(Charset::from_env(&|_| None), Ascii);
    }
}
