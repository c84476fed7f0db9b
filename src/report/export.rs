//! Where the ncdu export goes (`--ncdu-export=FILE`): FILE, opened before the walk, through a
//! buffer of its own, or standard output (`-`), in place of the records; and the report's
//! entry points the replay calls as it meets each entry (`ncdu` spells them).

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;

use crate::config::Config;
use crate::report::Report;
use crate::report::ncdu::{Item, Ncdu};

/// As much of the export as is written at once: the same room as standard output's buffer.
const EXPORT_BUFFER: usize = 64 * 1024;

/// The export being written and where it goes.
pub(crate) struct Export {
    ncdu: Ncdu,
    to: Target,
}

/// Where the export's bytes go.
enum Target {
    /// `-`: the report's standard output, with du's rule for its write errors.
    Stdout,
    /// FILE.
    File(ExportFile),
}

/// FILE, and the first error writing it: after one, the rest is dropped and the error is
/// reported once, at the end (as du treats standard output).
struct ExportFile {
    writer: BufWriter<File>,
    name: OsString,
    error: Option<io::Error>,
}

impl ExportFile {
    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.writer.write_all(bytes)
        {
            self.error = Some(e);
        }
    }
}

impl<W: Write, E: Write> Report<W, E> {
    /// Creates (or truncates) --ncdu-export's FILE before the walk. Returns false, having
    /// said why in du's words (`cannot open 'FILE' for writing: REASON`), when it cannot be.
    pub(crate) fn open_export(&mut self, config: &Config) -> io::Result<bool> {
        let Some(name) = &config.ncdu_export else {
            return Ok(true);
        };
        let to = if config.is_export_on_stdout() {
            Target::Stdout
        } else {
            match File::create(name) {
                Ok(file) => Target::File(ExportFile {
                    writer: BufWriter::with_capacity(EXPORT_BUFFER, file),
                    name: name.clone(),
                    error: None,
                }),
                Err(e) => {
                    self.cannot_open_export(name.as_bytes(), &e)?;
                    return Ok(false);
                }
            }
        };
        self.export = Some(Export {
            ncdu: Ncdu::new(config),
            to,
        });
        Ok(true)
    }

    /// One entry for the export, named `name` in its directory (the root's own name is the
    /// export's). Directories stay open until `export_close_dir`.
    pub(crate) fn export(&mut self, name: &[u8], item: Item<'_>) -> io::Result<()> {
        match &mut self.export {
            Some(export) => {
                export.ncdu.item(name, item);
                self.write_export()
            }
            None => Ok(()),
        }
    }

    /// The directory the export opened last is complete.
    pub(crate) fn export_close_dir(&mut self) -> io::Result<()> {
        match &mut self.export {
            Some(export) => {
                export.ncdu.close_dir();
                self.write_export()
            }
            None => Ok(()),
        }
    }

    /// Ends the export however the run ended: every open directory is closed so that the file
    /// parses, FILE is flushed, and a failure to write it is reported (`error writing 'FILE':
    /// REASON`, status 1).
    pub(crate) fn end_export(&mut self) -> io::Result<()> {
        let Some(export) = &mut self.export else {
            return Ok(());
        };
        export.ncdu.end();
        self.write_export()?;
        let Some(Export {
            to: Target::File(file),
            ..
        }) = &mut self.export
        else {
            return Ok(());
        };
        if file.error.is_none()
            && let Err(e) = file.writer.flush()
        {
            file.error = Some(e);
        }
        match file.error.take() {
            Some(e) => {
                let name = file.name.clone();
                self.export_write_error(name.as_bytes(), &e)
            }
            None => Ok(()),
        }
    }

    /// What the export has spelt goes to its target.
    fn write_export(&mut self) -> io::Result<()> {
        let Some(export) = &mut self.export else {
            return Ok(());
        };
        match &mut export.to {
            Target::Stdout => {
                self.stderr.before_record();
                self.out.write_all(&export.ncdu.out)?;
            }
            Target::File(file) => file.write(&export.ncdu.out),
        }
        export.ncdu.out.clear();
        Ok(())
    }
}
