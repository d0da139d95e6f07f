//! Who may use a store directory: one writer, or any number of readers, never both at once.
//!
//! RocksDB locks a store against a second writer, but a read-only open beside a writer is undefined
//! behaviour in Oxigraph (it fails with "Corruption: … .sst: No such file"). So paperkg keeps its own
//! advisory lock file in the store directory: `build` holds it exclusively and writes its pid there,
//! `query`, `export`, `stats` and a read-only `serve` hold it shared. Whoever cannot get it says who
//! holds it: the writer's pid, or that readers do.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::Error;

const LOCK_FILE: &str = "paperkg.lock";

/// A held lock; released when dropped (or when the process dies, which leaves no stale lock).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

fn open(dir: &Path) -> Result<File, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let path = dir.join(LOCK_FILE);
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::Io { path, source: e })
}

/// The pid written by the writer that holds the lock, if it wrote one.
fn holder(file: &mut File) -> String {
    let mut s = String::new();
    let _ = file.rewind().and_then(|_| file.read_to_string(&mut s));
    match s.trim() {
        "" => "another paperkg process".to_owned(),
        pid => format!("pid {pid}"),
    }
}

/// Takes the store for writing, or says which process has it.
pub fn exclusive(dir: &Path) -> Result<Lock, Error> {
    let mut file = open(dir)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(Error::StoreLocked {
                path: dir.to_path_buf(),
                message: busy_message(dir, &mut file)?,
            });
        }
        Err(TryLockError::Error(e)) => {
            return Err(Error::Io {
                path: dir.join(LOCK_FILE),
                source: e,
            });
        }
    }
    let pid = std::process::id().to_string();
    let written = file
        .set_len(0)
        .and_then(|_| file.rewind())
        .and_then(|_| file.write_all(pid.as_bytes()));
    written.map_err(|e| Error::Io {
        path: dir.join(LOCK_FILE),
        source: e,
    })?;
    Ok(Lock { _file: file })
}

/// Why a writer cannot have the store. Only a writer records its pid: when readers hold the lock the
/// file still names the last writer, long gone, so a shared lock is tried first to tell the two apart.
fn busy_message(dir: &Path, file: &mut File) -> Result<String, Error> {
    let probe = open(dir)?;
    Ok(match probe.try_lock_shared() {
        Ok(()) => "other paperkg processes are reading it (a `paperkg serve`, a query or an \
                   export); try again when they have finished, or stop the server"
            .to_owned(),
        Err(_) => format!(
            "{} is using it; try again when it has finished",
            holder(file)
        ),
    })
}

/// Takes the store for reading, or says which process is writing it.
pub fn shared(dir: &Path) -> Result<Lock, Error> {
    let mut file = open(dir)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::StoreLocked {
            path: dir.to_path_buf(),
            message: format!(
                "{} is writing it; query again when the build has finished",
                holder(&mut file)
            ),
        }),
        Err(TryLockError::Error(e)) => Err(Error::Io {
            path: dir.join(LOCK_FILE),
            source: e,
        }),
    }
}
