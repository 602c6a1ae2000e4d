import { sql, type Tx } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";

/**
 * Acme's purchase orders and quantity surveys: 40 POs of a fit-out and advisory practice with about
 * 200 valuations against them, so the PO list, its utilization bars and the alerts have something
 * real to show from the first start. Deterministic: the same as-of date always gives the same rows
 * (dates are placed relative to it, like the finance demo). Written as the seed writes finance data
 * (the service role's tables, `source = 'manual'`); the statement-level triggers keep each PO's
 * spent. A PO of each level on purpose: past 75 %, 90 % and 100 %, one with order value 0 and some
 * spend, one at exactly 75.00 %, closed and cancelled ones, and new ones with nothing valued yet.
 */

interface PlannedOrder {
  supplier: string;
  description: string;
  /** Order value in cents. */
  value: number;
  /** Spent ÷ order value in percent (ignored when the value is 0: `zeroValueSpend` then). */
  utilization: number;
  status: "open" | "closed" | "cancelled";
  surveys: number;
}

const SUPPLIERS: [string, string[]][] = [
  ["Kauri Interiors Ltd", ["Level 3 partitioning and doors", "Meeting room glazing and fit-out", "Reception joinery package"]],
  ["Southern Cross Electrical", ["Switchboard upgrade, Building B", "Lighting and power, level 2", "Emergency lighting retrofit"]],
  ["Harbour Joinery", ["Kitchenette joinery, levels 1–4", "Boardroom credenza and wall panels"]],
  ["Tasman Flooring Co", ["Carpet tiles, level 3 (1,200 m²)", "Vinyl to wet areas"]],
  ["Aotea HVAC Services", ["VRF system replacement", "Ductwork modifications, tenancy split", "Quarterly HVAC maintenance"]],
  ["Pacific Glazing", ["Façade glazing repairs", "Internal glass partitions, level 5"]],
  ["Summit Scaffolding", ["Scaffold hire, east elevation", "Edge protection, roof plant deck"]],
  ["Ironbank Steel Fabrication", ["Mezzanine steel structure", "Stair balustrades"]],
  ["Beacon Fire Protection", ["Sprinkler alterations for new layout", "Fire alarm extension"]],
  ["Kiwi Data Cabling", ["Cat6A cabling, 180 outlets", "Comms room fit-out"]],
  ["Motu Plumbing & Gas", ["Bathroom refurbishment plumbing", "Hot water cylinder replacement"]],
  ["Northshore Painters", ["Internal repaint, levels 1–2", "Stairwell and lift lobby repaint"]],
  ["Clearview Acoustic Ceilings", ["Suspended ceilings, open-plan areas", "Acoustic baffles, training room"]],
  ["Ridgeway Quantity Surveyors", ["Cost planning and monthly valuations", "Final account negotiation"]],
  ["Mahi Legal Advisory", ["Lease and contract review", "Construction contract advice"]],
  ["Tui Workplace Furniture", ["Workstations and task chairs (140)", "Breakout furniture package"]],
  ["Orbit Security Systems", ["Access control and CCTV", "Intruder alarm upgrade"]],
  ["Canterbury Demolition", ["Strip-out of existing tenancy", "Asbestos removal, plant room"]],
  ["Lumen Lighting Design", ["Lighting design and documentation"]],
  ["Greenline Landscaping", ["Courtyard landscaping and planters"]],
];

/**
 * Utilization targets in percent, one per PO (40): a long tail below 75 %, and each level above it.
 * Entries with a status other than open, a zero value or no surveys are marked in ORDER_SHAPES.
 */
const UTILIZATION = [
  131.4, 112.6, 104.9, 97.3, 94.5, 91.2, 88.1, 84.0, 80.7, 76.3,
  75, 72.4, 68.9, 64.2, 61.8, 57.5, 55.1, 49.6, 46.3, 43.8,
  41.2, 38.7, 35.4, 32.9, 29.5, 26.1, 22.8, 19.4, 16.7, 13.2,
  9.8, 6.5, 0, 0, 0, 100, 98.2, 0, 12.4, 0,
];

/** Index → what is special about that PO. */
const ORDER_SHAPES: Record<number, Partial<Pick<PlannedOrder, "status" | "surveys" | "value">> & { zeroValueSpend?: number }> = {
  32: { surveys: 0 },
  33: { surveys: 0 },
  34: { surveys: 0 },
  35: { status: "closed" },
  36: { status: "closed" },
  37: { status: "cancelled", surveys: 0 },
  38: { status: "cancelled" },
  // Variations the client asked for before a budget was agreed: value 0, but work valued already.
  39: { value: 0, zeroValueSpend: 1_850_00 },
};

/** Mulberry32: small, fast and the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const money = (cents: number) => (cents / 100).toFixed(2);

export interface ProcurementDemoData {
  orders: { poNumber: string[]; supplier: string[]; description: string[]; orderValue: string[]; orderDate: string[]; jobNumber: (string | null)[]; status: string[] };
  surveys: { qsNumber: string[]; poNumber: string[]; valuationDate: string[]; amount: string[]; description: string[] };
}

/** The rows, column by column; `jobNumbers` are XPM job numbers some POs are raised against. */
export function generateProcurementData(asOf: string, jobNumbers: string[]): ProcurementDemoData {
  const random = prng(20_261_129);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const data: ProcurementDemoData = {
    orders: { poNumber: [], supplier: [], description: [], orderValue: [], orderDate: [], jobNumber: [], status: [] },
    surveys: { qsNumber: [], poNumber: [], valuationDate: [], amount: [], description: [] },
  };
  // Age rank of each PO: the ordinary ones (0–31) in a shuffled order, so utilization does not simply
  // follow age; the special ones keep theirs (the unvalued ones are among the newest).
  const ageRank = UTILIZATION.map((_, i) => i);
  for (let k = 31; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [ageRank[k], ageRank[j]] = [ageRank[j]!, ageRank[k]!];
  }
  let qsSeq = 3101;
  UTILIZATION.forEach((utilization, i) => {
    const shape = ORDER_SHAPES[i] ?? {};
    const [supplier, descriptions] = SUPPLIERS[i % SUPPLIERS.length]!;
    const description = descriptions[Math.floor(i / SUPPLIERS.length) % descriptions.length]!;
    // Advisory work is smaller than construction packages; values are whole hundreds of dollars.
    const advisory = /Surveyors|Legal|Design/.test(supplier);
    const value = shape.value ?? Math.round((advisory ? 8_000 + random() * 40_000 : 15_000 + random() * 420_000) / 100) * 100_00;
    const status = shape.status ?? "open";
    // Between about 18 months and 7 weeks old.
    const ageDays = Math.round(540 - (ageRank[i]! / UTILIZATION.length) * 480 - random() * 20);
    const orderDate = addDays(asOf, -Math.max(ageDays, 14));
    const poNumber = `PO-${24001 + i}`;
    const o = data.orders;
    o.poNumber.push(poNumber);
    o.supplier.push(supplier);
    o.description.push(description);
    o.orderValue.push(money(value));
    o.orderDate.push(orderDate);
    o.jobNumber.push(jobNumbers.length && i % 3 === 0 ? jobNumbers[(i / 3) % jobNumbers.length]! : null);
    o.status.push(status);

    const spend = shape.zeroValueSpend ?? Math.round((value * utilization) / 100);
    const count = shape.surveys ?? (spend === 0 ? 0 : Math.min(10, 3 + Math.floor(random() * 5) + (utilization > 90 ? 2 : 0)));
    if (count === 0) return;
    // Valuations from about three weeks after the order, never after today; uneven shares of the spend.
    const span = Math.max(1, Math.floor((Date.parse(asOf) - Date.parse(orderDate)) / 86_400_000) - 20);
    const weights = Array.from({ length: count }, () => 0.5 + random());
    const sum = weights.reduce((a, b) => a + b, 0);
    const cents = weights.map((w) => Math.round((spend * w) / sum));
    cents[count - 1]! += spend - cents.reduce((a, b) => a + b, 0);
    const dates = cents.map((_, k) => {
      const date = addDays(orderDate, 20 + Math.floor(((k + random() * 0.6) / count) * span));
      return date > asOf ? asOf : date;
    });
    const notes = cents.map((_, k) => `Valuation ${k + 1}: ${pick(["progress claim", "work completed to date", "materials on site", "claim as assessed"])}`);
    // A credit on some busy POs: an over-claim reversed on the same date (the PO's total stays).
    if (count >= 5 && i % 4 === 1) {
      const credit = Math.round(value * 0.012);
      cents[count - 1]! += credit;
      cents.push(-credit);
      dates.push(dates[count - 1]!);
      notes.push("Credit: over-claimed materials reversed");
    }
    const s = data.surveys;
    cents.forEach((amount, k) => {
      s.qsNumber.push(`QS-${qsSeq++}`);
      s.poNumber.push(poNumber);
      s.valuationDate.push(dates[k]!);
      s.amount.push(money(amount));
      s.description.push(notes[k]!);
    });
  });
  return data;
}

/** Seeds Acme's procurement data once; other organizations and a second start are left as they are. */
export async function seedProcurementDemo(tx: Tx, orgId: string, slug: string): Promise<void> {
  if (slug !== "acme") return;
  if (await tx.maybeOne(sql`select 1 from public.purchase_orders where org_id = ${orgId} limit 1`)) return;
  const org = await tx.one<{ timezone: string; currency: string }>(sql`select timezone, currency from public.organizations where id = ${orgId}`);
  const jobs = await tx.query<{ job_number: string }>(sql`
    select job_number from public.xpm_jobs where org_id = ${orgId} and state <> 'Completed' and name not ilike 'internal%' order by job_number limit 12`);
  const data = generateProcurementData(isoDateIn(org.timezone), jobs.map((j) => j.job_number));
  const o = data.orders;
  await tx.query(sql`
    insert into public.purchase_orders (org_id, po_number, supplier, description, order_value, currency, order_date, job_number, status, source)
    select ${orgId}::uuid, u.po, u.supplier, u.description, u.value, ${org.currency}, u.date, u.job, u.status, 'manual'
    from unnest(${o.poNumber}::text[], ${o.supplier}::text[], ${o.description}::text[], ${o.orderValue}::numeric[],
                ${o.orderDate}::date[], ${o.jobNumber}::text[], ${o.status}::text[]) as u(po, supplier, description, value, date, job, status)`);
  const s = data.surveys;
  await tx.query(sql`
    insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount, description, source)
    select ${orgId}::uuid, u.qs, p.id, u.date, u.amount, u.description, 'manual'
    from unnest(${s.qsNumber}::text[], ${s.poNumber}::text[], ${s.valuationDate}::date[], ${s.amount}::numeric[], ${s.description}::text[])
           as u(qs, po, date, amount, description)
    join public.purchase_orders p on p.org_id = ${orgId} and p.po_number = u.po`);
}
