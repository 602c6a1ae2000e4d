import { spawn } from "node:child_process";
import { writeFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { FaultChecks, type FaultResult } from "./fault-result";

/**
 * The embedded database's folder cannot be created or written (here: its parent is a plain file,
 * which refuses even root): the server says so at start-up, naming the folder and the variable,
 * and exits non-zero instead of serving errors.
 */
export async function unwritableDataDir(port: number): Promise<FaultResult> {
  const checks = new FaultChecks("the embedded database's folder is not writable");
  const base = path.resolve(".tmp/faults-unwritable");
  await rm(base, { recursive: true, force: true });
  await mkdir(base, { recursive: true });
  await writeFile(path.join(base, "not-a-folder"), "");
  const dataDir = path.join(base, "not-a-folder", "data");
  let output = "";
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", XEROPULSE_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 120_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  checks.check("the server refuses to start (non-zero exit)", code !== null && code !== 0, code === null ? "still running after 120 s" : `exit ${code}`);
  const mentions = output.includes(dataDir) && output.includes("XEROPULSE_DATA_DIR");
  checks.check("the message names the folder and XEROPULSE_DATA_DIR", mentions, output.split("\n").filter((l) => /XEROPULSE_DATA_DIR|data/i.test(l)).slice(0, 2).join(" | ").slice(0, 300) || output.slice(0, 300));
  return checks.result();
}
