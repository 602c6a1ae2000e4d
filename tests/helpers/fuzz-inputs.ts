import fc from "fast-check";

/**
 * Inputs a client can send that no schema should trust: the API fuzz (tests/integration/api-fuzz.test.ts)
 * draws body fields, query parameters, path parameters and headers from these.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An object that keeps `__proto__` and `constructor` as its own keys, as JSON.parse makes them. */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** `depth` arrays (or objects) inside each other: JSON.stringify would recurse, so it is written by hand. */
export function nestedJson(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A JSON value kept as text, spliced into a body as is (deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

const TRICKY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uFEFFbom",
  "\u202Eevil\u202C",
  "\ud800",
  "\udfff\ud800",
  "😀".repeat(64),
  "ｆｕｌｌｗｉｄｔｈ",
  "e\u0301\u0301\u0301",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e999",
  "0x10",
  "true",
  "[]",
  "{}",
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "00000000-0000-4000-8000-000000000000 ",
  "{00000000-0000-4000-8000-000000000000}",
  "../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "'; drop table organizations; --",
  "$(reboot)",
  "=HYPERLINK(\"http://evil\")",
  "__proto__",
  "constructor",
  "admin",
  "2026-02-30",
  "9999-12-31T23:59:59Z",
  "-000001-01-01",
  "a@b",
  "@",
  "x".repeat(129),
  "\n\r\t",
];

const TRICKY_NUMBERS = [-1, 0, -0, 1.5, -2147483649, 2147483648, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324];

export const hugeString = fc.constantFrom(10_000, 100_000, 1_100_000).map((n) => "x".repeat(n));

/** Strings a person could type or paste, and strings nobody should. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

const prototypePollution = fc.constantFrom(
  ownObject([["__proto__", { isAdmin: true, role: "admin" }]]),
  ownObject([["constructor", { prototype: { isAdmin: true } }]]),
  ownObject([["__proto__", null]]),
);

const nested = fc.tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom("array" as const, "object" as const)).map(([d, k]) => new RawJson(nestedJson(d, k)));

/** Any JSON value a hostile client could put where a field goes (as well as some sane ones). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, ...TRICKY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }) },
  { weight: 1, arbitrary: prototypePollution },
  { weight: 1, arbitrary: nested },
);

/** A key a client might add that the schema does not name. */
export const extraKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "id", "org_id", "orgId", "role", "isAdmin", "", "\u0000"), fc.string({ maxLength: 12 }));

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

/**
 * A value that follows the property's JSON Schema as far as a plain reading goes, so that a request
 * can carry one hostile field among plausible ones and reach deeper than the first check.
 */
export function plausibleValue(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant("value");
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map(plausibleValue));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number":
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1000) });
    case "array":
      return fc.array(plausibleValue(schema.items), { maxLength: 3 });
    case "object":
      return fc.record(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausibleValue(s)])));
    case "null":
      return fc.constant(null);
    default:
      if (schema.format === "uuid") return fc.uuid({ version: 4 });
      if (schema.format === "email") return fc.constantFrom("someone@example.test", "x@y.z");
      if (schema.format === "date") return fc.constantFrom("2026-01-31", "2025-12-01");
      if (schema.format === "date-time") return fc.constant("2026-01-31T00:00:00.000Z");
      return fc.string({ minLength: Math.max(schema.minLength ?? 1, 1), maxLength: Math.max(Math.min(schema.maxLength ?? 12, 12), schema.minLength ?? 1) });
  }
}

export type { Json, JsonSchema };

/** Body text with RawJson values spliced in (JSON.stringify writes a placeholder for them). */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return text === undefined ? "null" : text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

/** A query-string value from any JSON value (a client can only send text there). */
export function asQueryValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof RawJson) return value.text.slice(0, 10_000);
  return toJsonText(value);
}
