//! An ncdu export (--ncdu-export) read back for the tests: a strict reader of the JSON that
//! ncdu's format uses (names are bytes, not necessarily UTF-8, so no JSON library), the tree it
//! describes, and the totals ncdu shows for its root (hard links once, as ncdu counts them).

use std::collections::{BTreeMap, HashSet};

/// A value of an info object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(u64),
    Bool(bool),
    Text(Vec<u8>),
}

/// An info object: its keys and values (the name among them, under "name").
pub type Info = BTreeMap<String, Value>;

/// A directory (its info and its entries) or anything else (its info).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Dir(Info, Vec<Node>),
    Leaf(Info),
}

impl Node {
    pub fn info(&self) -> &Info {
        match self {
            Node::Dir(info, _) | Node::Leaf(info) => info,
        }
    }

    pub fn name(&self) -> &[u8] {
        match self.info().get("name") {
            Some(Value::Text(name)) => name,
            other => panic!("an entry without a name: {other:?}"),
        }
    }

    /// The entry named `name` in this directory.
    pub fn child(&self, name: &str) -> &Node {
        let Node::Dir(_, children) = self else {
            panic!(
                "{:?} is not a directory",
                String::from_utf8_lossy(self.name())
            );
        };
        children
            .iter()
            .find(|c| c.name() == name.as_bytes())
            .unwrap_or_else(|| panic!("no {name:?} in {:?}", String::from_utf8_lossy(self.name())))
    }

    pub fn number(&self, key: &str) -> Option<u64> {
        match self.info().get(key) {
            Some(Value::Number(n)) => Some(*n),
            None => None,
            other => panic!("{key} is {other:?}"),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        self.info().get(key) == Some(&Value::Bool(true))
    }

    pub fn text(&self, key: &str) -> Option<&[u8]> {
        match self.info().get(key) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// A whole export: `[major, minor, {metadata}, root]`.
#[derive(Clone, Debug)]
pub struct Export {
    pub major: u64,
    pub minor: u64,
    pub metadata: Info,
    pub root: Node,
}

impl Export {
    /// Reads `bytes`, failing the test (with where and why) unless they are one export and
    /// nothing else.
    pub fn parse(bytes: &[u8]) -> Export {
        let mut r = Reader { bytes, at: 0 };
        match r.export() {
            Ok(export) => export,
            Err(why) => panic!(
                "not an ncdu export: {why} at byte {} of {}: {:?}",
                r.at,
                bytes.len(),
                String::from_utf8_lossy(&bytes[r.at.saturating_sub(60)..r.at.min(bytes.len())])
            ),
        }
    }

    /// What ncdu shows as the root's disk usage and apparent size: every entry's dsize and
    /// asize, a file marked as hard-linked (`hlnkc`, or `nlink` above 1) once per dev/ino,
    /// each entry's device its own `dev` or its directory's.
    pub fn totals(&self) -> (u64, u64) {
        let mut seen = HashSet::new();
        let mut sums = (0, 0);
        add(&self.root, 0, &mut seen, &mut sums);
        sums
    }
}

fn add(node: &Node, dev: u64, seen: &mut HashSet<(u64, u64)>, sums: &mut (u64, u64)) {
    let dev = node.number("dev").unwrap_or(dev);
    let linked = node.flag("hlnkc") || node.number("nlink").is_some_and(|n| n > 1);
    let once = match node {
        Node::Leaf(_) if linked => {
            let ino = node.number("ino").expect("a hard link has an inode number");
            seen.insert((dev, ino))
        }
        _ => true,
    };
    if once {
        sums.0 += node.number("dsize").unwrap_or(0);
        sums.1 += node.number("asize").unwrap_or(0);
    }
    if let Node::Dir(_, children) = node {
        for child in children {
            add(child, dev, seen, sums);
        }
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

type Parsed<T> = Result<T, String>;

impl Reader<'_> {
    fn export(&mut self) -> Parsed<Export> {
        self.expect(b'[')?;
        let major = self.number()?;
        self.expect(b',')?;
        let minor = self.number()?;
        self.expect(b',')?;
        let metadata = self.object()?;
        self.expect(b',')?;
        let root = self.node()?;
        self.expect(b']')?;
        self.space();
        if self.at != self.bytes.len() {
            return Err("bytes after the export".into());
        }
        Ok(Export {
            major,
            minor,
            metadata,
            root,
        })
    }

    fn node(&mut self) -> Parsed<Node> {
        self.space();
        match self.peek() {
            Some(b'{') => Ok(Node::Leaf(self.object()?)),
            Some(b'[') => {
                self.at += 1;
                let info = self.object()?;
                let mut children = Vec::new();
                loop {
                    self.space();
                    match self.next()? {
                        b']' => return Ok(Node::Dir(info, children)),
                        b',' => children.push(self.node()?),
                        c => return Err(format!("{:?} in a directory", c as char)),
                    }
                }
            }
            _ => Err("neither an object nor an array".into()),
        }
    }

    fn object(&mut self) -> Parsed<Info> {
        self.expect(b'{')?;
        let mut info = Info::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(info);
        }
        loop {
            let key = String::from_utf8(self.string()?).map_err(|_| "a key not UTF-8")?;
            self.expect(b':')?;
            self.space();
            let value = match self.peek() {
                Some(b'"') => Value::Text(self.string()?),
                Some(b't') => self.word(b"true", Value::Bool(true))?,
                Some(b'f') => self.word(b"false", Value::Bool(false))?,
                _ => Value::Number(self.number()?),
            };
            if info.insert(key.clone(), value).is_some() {
                return Err(format!("{key} twice"));
            }
            self.space();
            match self.next()? {
                b'}' => return Ok(info),
                b',' => {}
                c => return Err(format!("{:?} in an object", c as char)),
            }
        }
    }

    fn string(&mut self) -> Parsed<Vec<u8>> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => return Ok(out),
                b'\\' => match self.next()? {
                    b'"' => out.push(b'"'),
                    b'\\' => out.push(b'\\'),
                    b'/' => out.push(b'/'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'u' => {
                        let hex = self.bytes.get(self.at..self.at + 4).ok_or("short \\u")?;
                        let hex = std::str::from_utf8(hex).map_err(|_| "bad \\u")?;
                        let code = u32::from_str_radix(hex, 16).map_err(|_| "bad \\u")?;
                        self.at += 4;
                        let c = char::from_u32(code).ok_or("a surrogate in \\u")?;
                        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                    c => return Err(format!("escape \\{}", c as char)),
                },
                c if c < 0x20 => return Err("a raw control character in a string".into()),
                c => out.push(c),
            }
        }
    }

    fn number(&mut self) -> Parsed<u64> {
        self.space();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = std::str::from_utf8(&self.bytes[start..self.at]).expect("ASCII digits");
        digits
            .parse()
            .map_err(|_| format!("{digits:?} is not a number"))
    }

    fn word(&mut self, word: &[u8], value: Value) -> Parsed<Value> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err("an unknown word".into())
        }
    }

    fn expect(&mut self, c: u8) -> Parsed<()> {
        self.space();
        match self.next()? {
            got if got == c => Ok(()),
            got => Err(format!("{:?} where {:?} belongs", got as char, c as char)),
        }
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|c| b" \t\r\n".contains(&c)) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Parsed<u8> {
        let c = self.peek().ok_or("the end, too early")?;
        self.at += 1;
        Ok(c)
    }
}
