//! TEMPORARY stub: replaced by the real module (GNU human.c rules).
use std::ffi::OsString;

/// How a size is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeFormat {
    block_size: u64,
    human: bool,
}

/// Why a SIZE argument was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeError {
    /// Not a number.
    Invalid,
    /// Bad suffix.
    InvalidSuffix,
    /// Overflow.
    TooLarge,
}

impl SizeFormat {
    /// Default.
    pub fn default_blocks(posixly_correct: bool) -> SizeFormat {
        Self::blocks(if posixly_correct { 512 } else { 1024 })
    }
    /// -h.
    pub fn human() -> SizeFormat {
        SizeFormat {
            block_size: 1,
            human: true,
        }
    }
    /// --si.
    pub fn si() -> SizeFormat {
        SizeFormat {
            block_size: 1,
            human: true,
        }
    }
    /// Plain blocks.
    pub fn blocks(block_size: u64) -> SizeFormat {
        SizeFormat {
            block_size,
            human: false,
        }
    }
    /// Parse -B.
    pub fn parse(spec: &[u8], _posixly_correct: bool) -> Result<SizeFormat, SizeError> {
        let s = std::str::from_utf8(spec).map_err(|_| SizeError::Invalid)?;
        let n: u64 = s.parse().map_err(|_| SizeError::Invalid)?;
        if n == 0 {
            return Err(SizeError::Invalid);
        }
        Ok(Self::blocks(n))
    }
    /// From environment.
    pub fn from_env(_get: &dyn Fn(&str) -> Option<OsString>) -> SizeFormat {
        Self::default_blocks(false)
    }
    /// Print.
    pub fn write(&self, bytes: u64, out: &mut Vec<u8>) {
        let v = bytes.div_ceil(self.block_size);
        out.extend_from_slice(v.to_string().as_bytes());
    }
    /// Block size.
    pub fn block_size(&self) -> u64 {
        self.block_size
    }
}

/// Parse a SIZE.
pub fn parse_size(spec: &[u8], _valid_suffixes: &[u8]) -> Result<u64, SizeError> {
    std::str::from_utf8(spec)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(SizeError::Invalid)
}
