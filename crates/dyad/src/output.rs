//! Where results go: standard output, or a file that appears only when complete.

use anyhow::Context;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes to stdout, or to a temporary file beside the target that is renamed into
/// place by [`Output::finish`], so a failed or killed run never leaves half a file.
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File(AtomicFile),
}

pub struct AtomicFile {
    writer: Option<BufWriter<File>>,
    temporary: PathBuf,
    target: PathBuf,
}

impl Output {
    pub fn create(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(target) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
        let name = target.file_name().context("output path has no file name")?.to_string_lossy();
        let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temporary).with_context(|| format!("creating {}", temporary.display()))?;
        let writer = Some(BufWriter::new(file));
        Ok(Output::File(AtomicFile { writer, temporary, target: target.to_path_buf() }))
    }

    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => Ok(w.flush()?),
            Output::File(mut f) => {
                let writer = f.writer.take().expect("finish is called once");
                let file = writer.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&f.temporary, &f.target).with_context(|| format!("renaming into {}", f.target.display()))
            }
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File(f) => f.writer.as_mut().expect("not finished"),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // A writer still here means `finish` never ran: remove the partial file.
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

/// The process's peak resident memory in MiB (Linux `VmHWM`), if known.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
