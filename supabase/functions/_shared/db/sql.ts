/**
 * Parameterized SQL as a tagged template: every interpolated value becomes a `$n` parameter, so a
 * query can never be built by string concatenation. Fragments nest (`sql\`… ${sql\`…\`} …\``).
 */
// Symbol.for, not Symbol(): Next.js may bundle this module more than once (one copy per route
// chunk) while the engine on globalThis renders with the copy that created it; a per-copy symbol
// would make nested fragments from another copy look like plain parameters.
const FRAGMENT = Symbol.for("xeropulse.sql.fragment");

export interface SqlQuery {
  readonly [FRAGMENT]: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): SqlQuery {
  return { [FRAGMENT]: true, strings: [...strings], values };
}

function isFragment(value: unknown): value is SqlQuery {
  return typeof value === "object" && value !== null && FRAGMENT in value;
}

/** Joins fragments (e.g. optional `where` conditions) with a fixed separator. */
sql.join = function join(fragments: SqlQuery[], separator: ", " | " and " | " or " = ", "): SqlQuery {
  if (fragments.length === 0) return sql`true`;
  const strings = [""];
  const values: unknown[] = [];
  fragments.forEach((fragment, i) => {
    if (i > 0) strings[strings.length - 1] += separator;
    values.push(fragment);
    strings.push("");
  });
  return sql(strings, ...values);
};

/** Renders to `{ text, params }` for the driver, numbering parameters across nested fragments. */
export function render(query: SqlQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const walk = (q: SqlQuery): string => {
    let text = q.strings[0] ?? "";
    q.values.forEach((value, i) => {
      if (isFragment(value)) text += walk(value);
      else {
        params.push(value);
        text += `$${params.length}`;
      }
      text += q.strings[i + 1] ?? "";
    });
    return text;
  };
  return { text: walk(query), params };
}
