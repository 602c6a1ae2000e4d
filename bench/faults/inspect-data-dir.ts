import path from "node:path";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import type { Tx } from "@/server/db";

/** Reads a stopped server's embedded database (XEROPULSE_DATA_DIR/pglite) directly (as its owner), then closes it. */
export async function inspectDataDir<T>(dataDir: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const engine = await createPGliteEngine({ dataDir: path.join(dataDir, "pglite") });
  try {
    return await engine.transaction(fn);
  } finally {
    await engine.close();
  }
}
