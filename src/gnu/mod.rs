//! What reproduces GNU behaviour byte for byte, apart from the pipeline: quoting, human sizes,
//! SIZE parsing, strftime and time styles, argmatch, exclude/fnmatch, fts path spelling.

pub mod argmatch;
pub mod exclude;
pub mod fnmatch;
pub mod path;
pub mod quote;
pub mod size;
pub mod strftime;
pub mod timestyle;
