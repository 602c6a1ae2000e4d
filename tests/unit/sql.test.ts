import { describe, expect, it } from "vitest";
import { render, sql } from "@/server/db/sql";

describe("sql tagged template", () => {
  it("turns every value into a numbered parameter, never into text", () => {
    const hostile = "'; drop table users; --";
    const q = render(sql`select * from t where a = ${hostile} and b = ${2}`);
    expect(q.text).toBe("select * from t where a = $1 and b = $2");
    expect(q.params).toEqual([hostile, 2]);
  });

  it("numbers parameters across nested fragments and joins", () => {
    const conditions = [sql`a = ${1}`, sql`b = ${"x"}`];
    const q = render(sql`select ${3} where ${sql.join(conditions, " and ")} limit ${10}`);
    expect(q.text).toBe("select $1 where a = $2 and b = $3 limit $4");
    expect(q.params).toEqual([3, 1, "x", 10]);
  });

  it("renders an empty join as true", () => {
    expect(render(sql`where ${sql.join([], " and ")}`).text).toBe("where true");
  });
});
