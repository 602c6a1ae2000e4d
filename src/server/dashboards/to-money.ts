/** A numeric from Postgres (string or number) as a JavaScript number rounded to cents. */
export const toMoney = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;
