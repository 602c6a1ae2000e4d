import { sql, type Tx } from "./index";

/**
 * A secret this installation made for itself and keeps in `app_private.instance_secrets`, so the
 * embedded default needs no configuration: created once (the first writer wins), then read back.
 */
export async function instanceSecret(tx: Tx, name: string, generate: () => string): Promise<string> {
  await tx.query(sql`insert into app_private.instance_secrets (name, value) values (${name}, ${generate()}) on conflict (name) do nothing`);
  const row = await tx.one<{ value: string }>(sql`select value from app_private.instance_secrets where name = ${name}`);
  return row.value;
}
