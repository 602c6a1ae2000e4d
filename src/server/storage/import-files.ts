import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { config } from "@/server/config";
import { diskSpaceGuard, type DiskSpaceGuard } from "./disk-space-guard";
import { assertImportObjectPath, IMPORT_BUCKET, type ImportFileStore } from "@edge-shared/storage/import-file-store.ts";

/**
 * The one storage module for uploaded import files. With a Supabase project configured
 * (NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY) files go to the private Storage bucket
 * `imports` through the service-role client; otherwise to `<XEROPULSE_DATA_DIR>/imports/`. (The
 * Edge Functions, which have no supabase-js, reach the same bucket through its REST API:
 * _shared/storage/import-file-store.ts.) Either way the object
 * path is `<org_id>/<import_id>.xlsx`, and system.prune deletes files after IMPORT_RETENTION_DAYS.
 */
export function importObjectPath(orgId: string, importId: string): string {
  return assertImportObjectPath(`${orgId}/${importId}.xlsx`);
}

/**
 * A folder on the local disk; writes go through a temporary name so a crash never leaves half a
 * file, and a file that would leave the disk under the guard's reserve is refused before it is written.
 */
export function localImportFileStore(root: string, space?: DiskSpaceGuard): ImportFileStore {
  const full = (p: string) => path.join(root, assertImportObjectPath(p));
  return {
    async put(p, data) {
      space?.assertRoomFor(data.byteLength);
      const target = full(p);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      try {
        await writeFile(temp, data);
        await rename(temp, target);
      } catch (error) {
        // A full disk leaves part of the file written: give that space back.
        await rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
    },
    async get(p) {
      try {
        return new Uint8Array(await readFile(full(p)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(paths) {
      await Promise.all(paths.map((p) => rm(full(p), { force: true })));
    },
  };
}

/** The private bucket through the service-role client (bypasses Storage policies; server only). */
export function supabaseStorageImportFileStore(): ImportFileStore {
  // Loaded on first use: the local mode (and scripts run outside Next.js) never load supabase-js.
  const bucket = async () => (await import("@/server/auth/supabase/service-role-client")).serviceRoleClient().storage.from(IMPORT_BUCKET);
  return {
    async put(p, data) {
      const { error } = await (await bucket()).upload(assertImportObjectPath(p), data, {
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        upsert: true,
      });
      if (error) throw new Error(`Supabase Storage upload failed: ${error.message}`);
    },
    async get(p) {
      const { data, error } = await (await bucket()).download(assertImportObjectPath(p));
      if (error) {
        if (/not.?found|404/i.test(`${error.message} ${(error as { status?: number }).status ?? ""}`)) return null;
        throw new Error(`Supabase Storage download failed: ${error.message}`);
      }
      return new Uint8Array(await data.arrayBuffer());
    },
    async remove(paths) {
      if (paths.length === 0) return;
      const { error } = await (await bucket()).remove(paths.map(assertImportObjectPath));
      if (error) throw new Error(`Supabase Storage delete failed: ${error.message}`);
    },
  };
}

export function importFileStore(): ImportFileStore {
  const env = config();
  return env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SECRET_KEY
    ? supabaseStorageImportFileStore()
    : localImportFileStore(
        path.resolve(env.XEROPULSE_DATA_DIR, "imports"),
        // The folder's parent: it exists before the first upload, and shares the database's disk.
        diskSpaceGuard(path.resolve(env.XEROPULSE_DATA_DIR), env.XEROPULSE_DATA_MIN_FREE_MB * 1_048_576),
      );
}
