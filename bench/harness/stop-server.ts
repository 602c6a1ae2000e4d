import type { ChildProcess } from "node:child_process";

/**
 * Stops a server the bench started as its own child (`node …/next start`, so the child is the server
 * itself): SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended (exit code or signal)
 * once it has. A bench must not reuse a port or delete a data folder before then: a server that
 * outlives its folder keeps running on deleted files, and one still shutting down answers the next
 * start's first login.
 */
export async function stopServer(child: ChildProcess, graceMs = 15_000): Promise<string> {
  const exited = new Promise<string>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? String(child.exitCode));
    else child.once("exit", (code, signal) => resolve(signal ?? String(code)));
  });
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
  return exited;
}

/** `next start` of the production build as a direct child (not through npx, which would be the child instead). */
export const NEXT_START = ["node_modules/next/dist/bin/next", "start"];
