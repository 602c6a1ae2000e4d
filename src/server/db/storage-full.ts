/**
 * The disk where the server keeps its data is full (or the quota is used up), or so nearly full that
 * the server refuses writes to keep what it has (src/server/storage/disk-space-guard.ts). The write
 * did not happen and retrying will not help until someone frees space, so the request answers
 * STORAGE_FULL rather than a 500 that reads as a bug.
 */
export class StorageFullError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageFullError";
  }
}

const NODE_CODES = new Set(["ENOSPC", "EDQUOT"]);
// 53100 disk_full; an I/O error whose message is the operating system's "no space".
const SQLSTATE_DISK_FULL = "53100";
const NO_SPACE = /No space left on device|Disk quota exceeded/i;

/** Whether an error (or one it was caused by) means "no room to write". */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // By name too: a production build can bundle the class into more than one chunk.
    if ((e as { name?: unknown }).name === "StorageFullError") return true;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NODE_CODES.has(code) || code === SQLSTATE_DISK_FULL)) return true;
    if (typeof message === "string" && NO_SPACE.test(message)) return true;
  }
  return false;
}
