// How `lint --fix` writes a file back: in place, into the file the path names (through a symbolic link, its
// target), so the link, the other hard links, the owner, the group, the mode and any extended attributes are the
// file's as before; prettier --write and markdownlint-cli2 --fix write the same way (fs.writeFile on the path).
// A temporary file renamed over the original would never leave half a file, but it replaces a symbolic link by a
// regular file, splits hard links, gives the file to whoever runs the fix and writes through a read-only mode; a
// notes file is small, so the window in which a crash could cut it short is a single write.
import { accessSync, closeSync, constants, fstatSync, ftruncateSync, openSync, realpathSync, statSync, writeSync, type Stats } from 'node:fs';

/** Why a file was not written: one line for stderr (the caller names the file). */
export class WriteBackError extends Error {}

/** Whether the process may write `file`; root may write anything, so for root only a file with a write bit counts. */
export function mayWrite(file: string, stat: Stats = statSync(file)): boolean {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return (stat.mode & 0o222) !== 0;
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` over the contents of the file `file` names (its target when it is a symbolic link), keeping the
 * file itself. Throws WriteBackError when the file may not be written or the write fails.
 */
export function writeBack(file: string, bytes: Uint8Array): void {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    throw new WriteBackError(`cannot find the file to write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw new WriteBackError('is not a regular file');
  if (!mayWrite(real, stat)) throw new WriteBackError('the file is read-only (no write permission), so it was left as it was');
  let fd: number;
  try {
    // 'r+': the existing file, never a new one; no truncation until the new text is written.
    fd = openSync(real, 'r+');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WriteBackError(code === 'EACCES' || code === 'EPERM' ? 'the file is read-only (no write permission), so it was left as it was' : `cannot open it for writing (${code ?? 'error'})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new WriteBackError('is not a regular file');
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at, at);
    ftruncateSync(fd, bytes.length);
  } catch (e) {
    if (e instanceof WriteBackError) throw e;
    throw new WriteBackError(`writing it failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it may be incomplete`);
  } finally {
    closeSync(fd);
  }
}
