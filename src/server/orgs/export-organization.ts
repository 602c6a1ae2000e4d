import { PassThrough, Readable } from "node:stream";
// archiver is exceljs's zip writer; it is a direct dependency at the version exceljs already
// locked, so the export streams through the same, maintained code instead of a second zip writer.
import archiver from "archiver";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { sql, type Claims, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import { csvCell } from "@/server/http/csv-cell";
import { logger } from "@/server/http/logger";
import type { ExportManifest } from "@/lib/organization-views";
import { EXPORT_TABLES, NOT_EXPORTED, type ExportTable } from "./export-tables";
import type { OrgContext } from "./resolve-org";

type UserDb = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const PAGE = 2_000;
const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A quoted identifier from our own list or the catalog, checked: never caller input. */
function ident(name: string): SqlQuery {
  if (!IDENT.test(name)) throw new Error(`not an identifier: ${name}`);
  return sql([`"${name}"`]);
}

function scopeOf(entry: ExportTable, orgId: string): SqlQuery {
  switch (entry.scope ?? "org_id") {
    case "id":
      return sql`"id" = ${orgId}::uuid`;
    case "member":
      return sql`"user_id" in (select m.user_id from public.org_members m where m.org_id = ${orgId}::uuid)`;
    default:
      return sql`"org_id" = ${orgId}::uuid`;
  }
}

/** The columns of a table the caller's role may read, in table order (a column without a grant is left out). */
async function readableColumns(db: UserDb, table: string): Promise<string[]> {
  const rows = await db((tx) =>
    tx.query<{ column_name: string }>(sql`
      select column_name from information_schema.columns
      where table_schema = 'public' and table_name = ${table}
        and has_column_privilege(format('public.%I', table_name), column_name, 'SELECT')
      order by ordinal_position`),
  );
  return rows.map((r) => r.column_name);
}

/**
 * Every row of one table for the organization, in pages, each page its own short transaction as
 * the caller (PGlite's single session is never held while the download waits on the network).
 * `as: "json"` yields Postgres's own JSON of each row; `as: "cells"` each column's text output.
 */
async function* pages(db: UserDb, entry: ExportTable, orgId: string, columns: string[], as: "json" | "cells"): AsyncGenerator<string[]> {
  const keys = entry.key ?? ["id"];
  const select = sql.join(columns.map(ident), ", ");
  const keyList = sql.join(keys.map(ident), ", ");
  const keyOut = sql.join(keys.map((k, i) => sql([`t."${k}"::text as "k${i}"`]) as SqlQuery), ", ");
  const rowOut = as === "json" ? sql`row_to_json(t)::text` : sql([`to_json(array[${columns.map((c) => `t."${c}"::text`).join(", ")}])::text`]);
  let after: string[] | null = null;
  for (;;) {
    const keyset: SqlQuery = after ? sql`and (${keyList}) > (${sql.join(after.map((v) => sql`${v}`), ", ")})` : sql``;
    const rows = await db((tx) =>
      tx.query<Record<string, string>>(sql`
        select ${rowOut} as "row", ${keyOut} from (
          select ${select} from public.${ident(entry.table)} where ${scopeOf(entry, orgId)} ${keyset}
          order by ${keyList} limit ${PAGE}) t`),
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.row!);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = keys.map((_, i) => last[`k${i}`]!);
  }
}

async function* csvFile(db: UserDb, entry: ExportTable, orgId: string, columns: string[], count: (n: number) => void): AsyncGenerator<string> {
  yield `${columns.map(csvCell).join(",")}\r\n`;
  for await (const rows of pages(db, entry, orgId, columns, "cells")) {
    count(rows.length);
    yield rows.map((r) => `${(JSON.parse(r) as (string | null)[]).map(csvCell).join(",")}\r\n`).join("");
  }
}

async function* jsonFile(db: UserDb, entry: ExportTable, orgId: string, columns: string[]): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const rows of pages(db, entry, orgId, columns, "json")) {
    yield rows.map((r) => `${first ? ((first = false), "\n") : ",\n"}${r}`).join("");
  }
  yield first ? "]\n" : "\n]\n";
}

/** Appends one entry and resolves once the archive has written it (entries go one at a time). */
function appendEntry(archive: ReturnType<typeof archiver>, name: string, source: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      archive.off("entry", done);
      reject(error);
    };
    const done = () => {
      source.off("error", fail);
      resolve();
    };
    archive.once("entry", done);
    source.once("error", fail);
    archive.append(source, { name });
  });
}

/**
 * An admin's download of everything the organization holds: a zip, streamed as it is read, with
 * `<table>.csv` and `<table>.json` for each table of EXPORT_TABLES (the same rows twice: CSV for
 * spreadsheets, JSON with exact types) and `manifest.json` (row counts, columns, what is left out
 * and why). The `org.exported` event is written before the first byte.
 */
export async function exportOrganization(db: UserDb, claims: Claims, org: OrgContext): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const exportedAt = new Date();
  await db((tx) =>
    recordAuditEvent(tx, {
      action: "org.exported",
      orgId: org.id,
      targetType: "organization",
      targetId: org.id,
      metadata: { tables: EXPORT_TABLES.map((t) => t.table) },
    }),
  );
  const archive = archiver("zip", { zlib: { level: 6 } });
  const out = new PassThrough();
  archive.on("error", (error) => out.destroy(error));
  archive.pipe(out);

  void (async () => {
    const manifest: ExportManifest = {
      format: "xeropulse-organization-export",
      version: 1,
      organization: { id: org.id, slug: org.slug, name: org.name },
      exportedAt: exportedAt.toISOString(),
      exportedBy: { id: claims.sub, email: claims.email },
      tables: [],
      notExported: Object.entries(NOT_EXPORTED).map(([table, reason]) => ({ table, reason })),
    };
    for (const entry of EXPORT_TABLES) {
      const columns = await readableColumns(db, entry.table);
      if (columns.length === 0) continue;
      let rows = 0;
      await appendEntry(archive, `${entry.table}.csv`, Readable.from(csvFile(db, entry, org.id, columns, (n) => (rows += n))));
      await appendEntry(archive, `${entry.table}.json`, Readable.from(jsonFile(db, entry, org.id, columns)));
      manifest.tables.push({ table: entry.table, rows, columns, files: [`${entry.table}.csv`, `${entry.table}.json`] });
    }
    archive.append(`${JSON.stringify(manifest, null, 2)}\n`, { name: "manifest.json" });
    await archive.finalize();
  })().catch((error: unknown) => {
    logger.error({ err: error, orgId: org.id }, "organization export failed part-way; the download is cut short");
    archive.abort();
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  return {
    filename: `xeropulse-${org.slug}-${exportedAt.toISOString().slice(0, 10)}.zip`,
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
  };
}
