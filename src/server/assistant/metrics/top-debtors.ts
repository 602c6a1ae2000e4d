import type { MetricDefinition } from "../metric-types";
import { num, rowLimit } from "./metric-sql";
import { receivablesByContact, type ReceivablesByContactRow } from "./open-receivables";

export const topDebtors: MetricDefinition = {
  id: "top_debtors",
  label: "Top debtors",
  definition:
    "The contacts who owe the most today: the amount due on their approved or submitted sales invoices, largest first, with the part that is overdue.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "money",
  measure: "value",
  periodUse: "as-of",
  dimensions: ["contact"],
  defaultDimension: "contact",
  filters: [],
  ranked: true,
  source: "Open sales invoices, from the receivables rollups (receivables_by_contact, its balance index, and receivables_by_contact_due)",
  synonyms: ["top debtors", "biggest debtors", "largest debtors", "debtors", "owes us the most", "owe us the most", "owes the most", "owe the most", "owes us most", "owe us most", "who owes"],
  examples: ["Who owes us the most?", "Top 5 debtors", "Which customers owe us the most?"],
  async run(tx, q) {
    const rows = await tx.query<ReceivablesByContactRow>(receivablesByContact(q.orgId, null, q.today, Math.min(rowLimit(q), q.topN ?? 10)));
    return {
      columns: [
        { key: "name", label: "Contact", unit: "text" },
        { key: "value", label: "Owed", unit: "money" },
        { key: "overdue", label: "Overdue", unit: "money" },
      ],
      rows: rows.map((r) => ({ id: r.id, name: r.name ?? r.id, value: num(r.total), overdue: num(Number(r.total) - Number(r.current)) })),
      totals: { value: num(rows[0]?.grand ?? 0) },
      rowCount: Number(rows[0]?.n ?? 0),
    };
  },
};
