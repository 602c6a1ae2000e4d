import { IMPORT_TEMPLATES, type ImportType, type MappingSource } from "@/lib/import-views";

/**
 * Matches a sheet's headers to a template's fields. Case, spaces and punctuation never matter,
 * "#", "No." and "Num" mean "number", a parenthesized or "ex GST" qualifier is ignored
 * ("Amount (ex GST)" is "Amount"), and each field knows its common synonyms ("PO #", "Vendor",
 * "Value", "Date"). A mapping the organization confirmed before wins, then exact headers, then
 * synonyms, then near-misses (typos within an edit distance of 2).
 */

const SYNONYMS: Record<ImportType, Record<string, readonly string[]>> = {
  purchase_orders: {
    poNumber: ["po", "ponumber", "purchaseorder", "purchaseordernumber", "ordernumber", "poreference", "poref", "porefnumber", "purchaseorderreference"],
    supplier: ["supplier", "suppliername", "vendor", "vendorname", "contractor", "subcontractor", "payee", "company"],
    description: ["description", "desc", "details", "scope", "item", "itemdescription", "narrative", "podescription"],
    orderValue: ["ordervalue", "value", "amount", "total", "povalue", "orderamount", "ordertotal", "contractvalue", "commitment", "committedvalue", "netvalue", "budget"],
    currency: ["currency", "ccy", "cur", "currencycode"],
    orderDate: ["orderdate", "date", "podate", "issuedate", "dateissued", "dateraised", "raisedon", "issued"],
    jobNumber: ["jobnumber", "job", "jobcode", "project", "projectnumber", "projectcode", "jobreference", "jobref"],
    status: ["status", "state", "postatus", "orderstatus"],
  },
  quantity_surveys: {
    qsNumber: ["qs", "qsnumber", "quantitysurvey", "quantitysurveynumber", "valuationnumber", "surveynumber", "claimnumber", "qsreference", "qsref"],
    poNumber: ["po", "ponumber", "purchaseorder", "purchaseordernumber", "ordernumber", "poreference", "poref"],
    valuationDate: ["valuationdate", "date", "valuedate", "surveydate", "claimdate", "periodending", "periodend"],
    amount: ["amount", "value", "valuation", "valuationamount", "claimamount", "total", "netamount", "qsamount"],
    description: ["description", "desc", "details", "scope", "narrative", "qsdescription"],
  },
};

const NUMBER_WORDS = new Set(["#", "no", "num", "nbr", "number"]);
const QUALIFIERS = /\b(ex|excl|excluding|exc|incl|including|inc)\.?\s*(gst|vat|tax|taxes)\b/gi;

/** "PO #" → "ponumber", "Amount (ex GST)" → "amount", "Order_Value" → "ordervalue". */
export function normalizeHeader(header: string): string {
  const tokens = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]/g, " ")
    .replace(QUALIFIERS, " ")
    .replace(/[$€£¥]/g, " ")
    .split(/(#)|[^a-z0-9#]+/)
    .filter((t): t is string => !!t);
  return tokens.map((t) => (NUMBER_WORDS.has(t) ? "number" : t)).join("");
}

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export interface HeaderCell {
  index: number;
  header: string;
}

export interface HeaderMatch {
  mapping: Record<string, number | null>;
  sources: Record<string, MappingSource>;
}

/** Candidate (field, column, score, source) pairs; higher scores are assigned first. */
function candidates(type: ImportType, headers: readonly HeaderCell[], remembered: Record<string, string>) {
  const out: { field: string; index: number; score: number; source: MappingSource }[] = [];
  for (const field of IMPORT_TEMPLATES[type].fields) {
    const exact = normalizeHeader(field.header);
    const synonyms = SYNONYMS[type][field.key] ?? [];
    const mine = remembered[field.key] !== undefined ? normalizeHeader(remembered[field.key]!) : undefined;
    for (const { index, header } of headers) {
      const n = normalizeHeader(header);
      if (!n) continue;
      if (mine !== undefined && n === mine) out.push({ field: field.key, index, score: 4, source: "remembered" });
      else if (n === exact) out.push({ field: field.key, index, score: 3, source: "exact" });
      else if (synonyms.includes(n)) out.push({ field: field.key, index, score: 2 + (synonyms.length - synonyms.indexOf(n)) / 1000, source: "synonym" });
      else if (n.length >= 5) {
        const d = Math.min(...[exact, ...synonyms].filter((s) => s.length >= 5).map((s) => distance(n, s, 2)));
        if (d <= 2) out.push({ field: field.key, index, score: 1 - d / 10, source: "fuzzy" });
      }
    }
  }
  // Stable: among equal scores the leftmost column and the template's field order win.
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

export function matchHeaders(type: ImportType, headers: readonly HeaderCell[], remembered: Record<string, string> = {}): HeaderMatch {
  const mapping: Record<string, number | null> = Object.fromEntries(IMPORT_TEMPLATES[type].fields.map((f) => [f.key, null]));
  const sources: Record<string, MappingSource> = {};
  const usedColumns = new Set<number>();
  for (const c of candidates(type, headers, remembered)) {
    if (mapping[c.field] !== null || usedColumns.has(c.index)) continue;
    mapping[c.field] = c.index;
    sources[c.field] = c.source;
    usedColumns.add(c.index);
  }
  return { mapping, sources };
}

/** How many of a template's required fields a header row matches (to pick the sheet and header row). */
export function requiredMatched(type: ImportType, match: HeaderMatch): number {
  return IMPORT_TEMPLATES[type].fields.filter((f) => f.required && match.mapping[f.key] !== null).length;
}

export function missingRequired(type: ImportType, mapping: Record<string, number | null>): string[] {
  return IMPORT_TEMPLATES[type].fields.filter((f) => f.required && (mapping[f.key] === null || mapping[f.key] === undefined)).map((f) => f.key);
}
