export const PROVIDERS = {
  xero: { name: "Xero", tenantNoun: "organization", description: "Accounting: contacts, invoices, payments and the chart of accounts." },
  xpm: { name: "Xero Practice Manager", tenantNoun: "practice", description: "Practice: clients, staff, jobs, time, invoices and costs." },
} as const;
