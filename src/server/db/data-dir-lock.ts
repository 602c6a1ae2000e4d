import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * PGlite is a single-process database: two processes opening the same folder corrupt it. Whoever
 * opens it (the app, npm run db:*) holds `<dataDir>.lock`, naming its process; another process
 * finds it and refuses with a message saying which process to stop. A lock whose process is gone
 * (a crash, a kill -9) is taken over.
 */
export interface DataDirLock {
  release(): void;
}

interface LockFile {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const held = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockFile, lockFile: string) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since}). ` +
        "PGlite allows one process at a time: stop the app (npm run dev / npm start) and try again. " +
        `If no such process runs any more, delete ${lockFile}.`,
    );
    this.name = "DataDirInUseError";
  }
}

const lockPathOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function read(file: string): LockFile | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockFile;
  } catch {
    return undefined;
  }
}

/** Who holds `dataDir`, if a live process (this one included) does. */
export function dataDirHolder(dataDir: string): LockFile | undefined {
  const file = lockPathOf(dataDir);
  if (held.has(file)) return read(file);
  const holder = existsSync(file) ? read(file) : undefined;
  if (!holder || holder.host !== hostname()) return holder;
  // Our own pid in a lock we do not hold: left by an earlier process that had the same pid.
  return holder.pid !== process.pid && alive(holder.pid) ? holder : undefined;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = lockPathOf(dataDir);
  const mine: LockFile = { pid: process.pid, host: hostname(), command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(" "), since: new Date().toISOString() };
  for (let tries = 0; ; tries++) {
    const holder = dataDirHolder(dataDir);
    if (holder) throw new DataDirInUseError(path.resolve(dataDir), holder, file);
    if (held.has(file)) throw new DataDirInUseError(path.resolve(dataDir), mine, file);
    // A stale lock goes; `wx` then creates ours only if nobody made one in between.
    rmSync(file, { force: true });
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || tries > 2) throw error;
    }
  }
  held.add(file);
  const release = () => {
    if (!held.delete(file)) return;
    if (read(file)?.pid === process.pid) rmSync(file, { force: true });
    process.off("exit", release);
  };
  process.on("exit", release);
  return { release };
}
