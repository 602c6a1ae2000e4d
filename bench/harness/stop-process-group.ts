import type { ChildProcess } from "node:child_process";

const alive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops a server started detached through `npx` (its own process group): SIGTERM to the group, then
 * SIGKILL to whatever is left after `graceMs`. Waiting for npx alone is not enough: npx exits on the
 * signal while next-server may still be finishing work, and a bench that then deletes the server's
 * data folder left it running on deleted files, burning a core through the benchmarks after it.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 15_000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (alive(pgid)) process.kill(-pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pgid)) process.kill(-pgid, "SIGKILL");
  while (alive(pgid)) await new Promise((r) => setTimeout(r, 50));
}
