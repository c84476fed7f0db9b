//! What one row of the option table says about an option: its names, its argument, its texts
//! for `--help`, the man page and the completions, and whether it is du's or dug's own.

/// Every option dug knows: what the parser hands to the validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opt {
    /// -0, --null
    Null,
    /// -a, --all
    All,
    /// --apparent-size
    ApparentSize,
    /// -B, --block-size=SIZE
    BlockSize,
    /// -b, --bytes
    Bytes,
    /// -c, --total
    Total,
    /// -D, -H, --dereference-args
    DereferenceArgs,
    /// -d, --max-depth=N
    MaxDepth,
    /// --files0-from=F
    Files0From,
    /// -h, --human-readable
    Human,
    /// --inodes
    Inodes,
    /// -k
    Kilo,
    /// -L, --dereference
    Dereference,
    /// -l, --count-links
    CountLinks,
    /// -m
    Mega,
    /// -P, --no-dereference
    NoDereference,
    /// -S, --separate-dirs
    SeparateDirs,
    /// --si
    Si,
    /// -s, --summarize
    Summarize,
    /// -t, --threshold=SIZE
    Threshold,
    /// --time[=WORD]
    Time,
    /// --time-style=STYLE
    TimeStyle,
    /// -X, --exclude-from=FILE
    ExcludeFrom,
    /// --exclude=PATTERN
    Exclude,
    /// -x, --one-file-system
    OneFileSystem,
    /// --help
    Help,
    /// --version
    Version,
    /// -j, --threads=N (dug's own)
    Threads,
    /// -v, --verbose (dug's own)
    Verbose,
    /// --json (dug's own)
    Json,
    /// --ncdu-export=FILE (dug's own)
    NcduExport,
}

/// Whether an option takes an argument, and what the argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// No argument.
    Nothing,
    /// A required argument: `--opt=V`, `--opt V`, `-oV`, `-o V`.
    Value(Value),
    /// An optional argument, only as `--opt=V`.
    OptionalValue(Value),
}

impl Takes {
    /// The argument, if the option takes one.
    pub fn value(self) -> Option<Value> {
        match self {
            Takes::Nothing => None,
            Takes::Value(v) | Takes::OptionalValue(v) => Some(v),
        }
    }
}

/// An option's argument, as the man page and the completions describe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    /// Its name in the man page and the completions (`SIZE`, `N`…); `--help` spells it in
    /// the option's own lines.
    pub name: &'static str,
    /// What a shell offers for it.
    pub hint: Hint,
}

/// What a shell's completion offers for an option's argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// Nothing in particular.
    Anything,
    /// A file name.
    File,
    /// One of these words.
    Words(&'static [Word]),
}

/// A word an argument can be, with what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word.
    pub word: &'static str,
    /// What it means, for the completions and the man page.
    pub help: &'static str,
}

/// One entry of `--help`: its lines exactly as du 9.1 lays them out (du's column and wraps are
/// not regular enough to compute), and where it stands among the entries of its group.
#[derive(Clone, Copy, Debug)]
pub struct HelpEntry {
    /// Its place in `--help` and in the man page: entries are listed by increasing place.
    pub place: u8,
    /// The lines, without their newlines.
    pub lines: &'static [&'static str],
}

/// One row of the option table.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The option, for the validation.
    pub(crate) opt: Opt,
    /// Its long name, if any.
    pub long: Option<&'static str>,
    /// Its short letters, if any (the first is the one the man page and completions show).
    pub short: &'static [u8],
    /// Its argument.
    pub takes: Takes,
    /// True for du's options, listed among du's; false for dug's own, listed under their own
    /// heading, whose long names match only when spelled out in full, so that every
    /// abbreviation du accepts means the same in dug.
    pub is_du: bool,
    /// One line saying what it does: the completions' description, and the man page's when
    /// `man` is `None`.
    pub summary: &'static str,
    /// The man page's fuller text, where the summary leaves something out.
    pub man: Option<&'static str>,
    /// Its `--help` entries: one for most options (du's help gives -H a line of its own).
    pub help: &'static [HelpEntry],
}

impl Spec {
    /// Its place in the man page: that of its first `--help` entry.
    pub fn place(&self) -> u8 {
        self.help
            .first()
            .expect("every option has a --help entry")
            .place
    }
}

impl Value {
    /// An argument with no completion of its own.
    pub(crate) const fn any(name: &'static str) -> Value {
        Value {
            name,
            hint: Hint::Anything,
        }
    }

    /// A file name.
    pub(crate) const fn file(name: &'static str) -> Value {
        Value {
            name,
            hint: Hint::File,
        }
    }

    /// One of `words`.
    pub(crate) const fn words(name: &'static str, words: &'static [Word]) -> Value {
        Value {
            name,
            hint: Hint::Words(words),
        }
    }
}

impl Word {
    /// `word`, meaning `help`.
    pub(crate) const fn new(word: &'static str, help: &'static str) -> Word {
        Word { word, help }
    }
}
