/**
 * The grounding check of a model's answer: every figure it writes must be one the metric tools
 * returned (or one the question itself contains), allowing only for rounding and for "k"/"M"
 * abbreviations. A model can phrase an answer; it cannot invent a number.
 */

export interface Figure {
  raw: string;
  value: number;
  /** Digits after the decimal point as written (rounding tolerance). */
  decimals: number;
  /** 1, 1e3, 1e6 or 1e9 for "12k", "1.2M", "3 billion". */
  scale: number;
}

const NUMBER = /(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:k|m|bn|b|thousand|million|billion)\b|%)?/gi;

/** The figures written in a text. */
export function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0];
    const suffix = raw.match(/(k|m|bn|b|thousand|million|billion)$/i)?.[1]?.toLowerCase();
    // "%" is part of what was written, not a scale: 12.5% is checked as 12.5.
    const digits = raw.replace(/[^\d.−-]/g, "").replace("−", "-").replace(/\.$/, "");
    const value = Number(digits);
    if (!Number.isFinite(value)) continue;
    const scale = !suffix ? 1 : suffix === "k" || suffix === "thousand" ? 1e3 : suffix === "m" || suffix === "million" ? 1e6 : 1e9;
    out.push({ raw: raw.trim(), value: Math.abs(value), decimals: digits.includes(".") ? digits.split(".")[1]!.length : 0, scale });
  }
  return out;
}

/** Every number in a tool result, however deep, including numbers inside its strings (names, date labels). */
export function factsOf(...values: unknown[]): number[] {
  const facts: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "number" && Number.isFinite(v)) facts.push(Math.abs(v));
    else if (typeof v === "string") for (const f of figuresIn(v.replace(/-(\d)/g, " $1"))) facts.push(f.value * f.scale);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return facts;
}

function matches(figure: Figure, fact: number): boolean {
  const scaled = fact / figure.scale;
  const factor = 10 ** figure.decimals;
  return Math.abs(Math.round(scaled * factor) / factor - figure.value) < 1e-9 || Math.abs(scaled - figure.value) < 1e-9;
}

export interface GroundingVerdict {
  ok: boolean;
  /** Figures in the text that no fact supports. */
  invented: string[];
}

export function checkGrounding(text: string, facts: readonly number[]): GroundingVerdict {
  const invented = figuresIn(text)
    .filter((figure) => !facts.some((fact) => matches(figure, fact)))
    .map((f) => f.raw);
  return { ok: invented.length === 0, invented };
}
