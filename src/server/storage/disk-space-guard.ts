import { statfsSync } from "node:fs";
import { StorageFullError } from "@/server/db/storage-full";

export interface DiskSpaceGuard {
  /** Throws StorageFullError when writing `bytes` more would leave less than the minimum free. */
  assertRoomFor(bytes: number): void;
  /** Whether the free space is already under the minimum (looked at again after 100 ms: a statfs is microseconds, a burst of writes can be megabytes). */
  low(): boolean;
  /** The error a refused write answers, saying how much is free. */
  refusal(cause?: unknown): StorageFullError;
}

const LOOK_EVERY_MS = 100;

/**
 * Keeps `minFreeBytes` free on the file system that holds `dir`. A disk that fills up under the
 * embedded database wedges it: the transaction whose write-ahead log cannot grow never settles, and
 * no query answers after it (PGlite 0.5, seen on a full tmpfs), so every request would hang.
 * Refusing writes a little before the disk is full keeps every committed byte readable and the
 * server answering. A `dir` that cannot be
 * looked at (gone, not mounted yet) is not reported as full: the write itself will tell.
 */
export function diskSpaceGuard(dir: string, minFreeBytes: number): DiskSpaceGuard {
  let lookedAt = 0;
  let free = Number.POSITIVE_INFINITY;
  const freeBytes = () => {
    const now = Date.now();
    if (now - lookedAt >= LOOK_EVERY_MS) {
      lookedAt = now;
      try {
        const s = statfsSync(dir);
        free = s.bavail * s.bsize;
      } catch {
        free = Number.POSITIVE_INFINITY;
      }
    }
    return free;
  };
  const refusal = (available: number, cause?: unknown) =>
    new StorageFullError(
      `Only ${Math.max(0, Math.floor(available / 1_048_576))} MB is free where XeroPulse keeps its data (${dir}), less than the ${Math.round(minFreeBytes / 1_048_576)} MB it keeps in reserve (XEROPULSE_DATA_MIN_FREE_MB): writes are refused until space is freed`,
      { cause },
    );
  return {
    assertRoomFor(bytes) {
      if (minFreeBytes <= 0) return;
      // A write that needs room looks again rather than trusting the cached figure.
      lookedAt = 0;
      const available = freeBytes();
      if (available - bytes < minFreeBytes) throw refusal(available - bytes);
    },
    low() {
      return minFreeBytes > 0 && freeBytes() < minFreeBytes;
    },
    refusal: (cause) => refusal(freeBytes(), cause),
  };
}
