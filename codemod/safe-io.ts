// Reading and writing the user's files without losing a byte: strict UTF-8 in, and out through a
// temp file renamed over the original only if the original is still what was read.
import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { walk } from "./walk.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A file read for rewriting: its text, and its bytes to compare against before the write. */
export interface ReadFile {
  text: string;
  bytes: Buffer;
}

/** Raised for a file the codemod must not touch; the message says why and what to do. */
export class UnsafeFileError extends Error {}

/**
 * Reads `file` as UTF-8 (a BOM, if any, stays in the text). A file that is not valid UTF-8 is
 * refused: decoding it with replacement characters would lose its bytes on the write.
 */
export function readSource(file: string): ReadFile {
  const bytes = readFileSync(file);
  try {
    return { text: utf8.decode(bytes), bytes };
  } catch {
    throw new UnsafeFileError(
      `not valid UTF-8 (${firstInvalidByte(bytes)}); the codemod reads and writes UTF-8 only, so it left the file alone — convert it to UTF-8 and run again`,
    );
  }
}

function firstInvalidByte(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return "it starts with a UTF-16 byte order mark";
  // Where the first malformed sequence starts (lead byte, then its continuation bytes).
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = n >= 0;
    for (let k = 1; ok && k <= n; k++) ok = i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) return `byte 0x${c.toString(16).padStart(2, "0")} at offset ${i}`;
    i += n + 1;
  }
  return "an overlong or surrogate sequence";
}

/** The temp files of writes in progress, removed if the process is interrupted. */
export const pending = new Set<string>();

/**
 * What our temp files are called, beside the file: `.<name>.coroutil-<pid>-<n>.tmp` holds the new
 * text; `.<name>.coroutil.lock`, holding the writer's pid, lets one run at a time replace the file.
 */
const TEMP = /^\..+\.coroutil-(\d+)-\d+\.tmp$/;
const LOCK = /^\..+\.coroutil\.lock$/;
let counter = 0;

/**
 * Writes `text` over `file` atomically (a temp file renamed into place), and only over the bytes
 * that were read (`before`): under a lock beside the file, so two runs never both replace it, the
 * file is compared with what was read before the rename. A file that changed since, or that
 * another run is replacing, is left as it is (UnsafeFileError).
 */
export function writeSource(file: string, text: string, before: Buffer): void {
  const temp = join(dirname(file), `.${basename(file)}.coroutil-${process.pid}-${counter++}.tmp`);
  const lock = join(dirname(file), `.${basename(file)}.coroutil.lock`);
  pending.add(temp);
  try {
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeSync(fd, text, null, "utf8");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      const held = openSync(lock, "wx", 0o644);
      writeSync(held, String(process.pid));
      closeSync(held);
    } catch {
      throw new UnsafeFileError("another run is rewriting it at the same moment; nothing written");
    }
    pending.add(lock);
    try {
      let now: Buffer;
      try {
        now = readFileSync(file);
      } catch {
        throw new UnsafeFileError("it was removed during the run; nothing written");
      }
      if (!now.equals(before)) throw new UnsafeFileError("it changed on disk during the run (another program or run edited it); nothing written — run again");
      renameSync(temp, file);
    } finally {
      rmSync(lock, { force: true });
      pending.delete(lock);
    }
  } finally {
    rmSync(temp, { force: true });
    pending.delete(temp);
  }
}

/** Removes the temp files of writes in progress (on SIGINT/SIGTERM); returns how many there were. */
export function removePending(): number {
  const n = pending.size;
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
  return n;
}

/**
 * Cleans up after an earlier run that was killed outright (SIGKILL), in the folders given: the
 * temp files and locks of a process that is no longer running (a run going on at the same time
 * keeps its own). Only files named as this codemod names them are touched. Returns their paths.
 */
export function removeLeftovers(folders: readonly string[]): string[] {
  const removed: string[] = [];
  for (const folder of folders) {
    try {
      if (!lstatSync(folder).isDirectory()) continue;
    } catch {
      continue; // not there: reported as missing by the file search
    }
    walk(folder, (path, entry) => {
      if (!entry.isFile()) return;
      const temp = TEMP.exec(entry.name);
      const owner = temp ? temp[1] : LOCK.test(entry.name) ? readOwner(path) : undefined;
      if (owner !== undefined && !alive(Number(owner))) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    });
  }
  return removed;
}

function readOwner(lock: string): string {
  try {
    return readFileSync(lock, "utf8").trim();
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
