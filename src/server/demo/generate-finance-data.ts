/**
 * A deterministic, realistic two years of a professional-services firm: Xero contacts, invoices
 * (receivable and payable), payments and accounts, and XPM clients, staff, jobs, time, costs and
 * invoices. The same seed, size and as-of date always give the same rows.
 *
 * Realism, on purpose: monthly seasonality (a tax-season peak, a December–January dip), customers
 * with payment habits (prompt, slow, late, bad: some never pay and are written off), partial
 * payments, a few voided and draft invoices, billable and non-billable time by staff level, time
 * not yet invoiced (work in progress) and jobs that run over budget.
 *
 * Rows are kept column by column, the shape `insert … select from unnest(…)` wants.
 */

export interface GenerateOptions {
  seed: number;
  /** Xero invoices (receivable and payable together); XPM volumes scale with it. */
  invoices: number;
  /** The last day with data (YYYY-MM-DD); payments after it have not happened yet. */
  asOf: string;
  currency: string;
  months?: number;
  /** Customer contacts; by default one per 40 receivable invoices (the sync benchmark asks for 4,800). */
  customers?: number;
}

export interface FinanceDataset {
  asOf: string;
  currency: string;
  accounts: { externalId: string[]; code: string[]; name: string[]; type: string[]; class: string[] };
  contacts: { externalId: string[]; name: string[]; email: string[]; isCustomer: boolean[]; isSupplier: boolean[] };
  invoices: {
    externalId: string[];
    number: string[];
    type: ("ACCREC" | "ACCPAY")[];
    status: string[];
    contact: string[];
    date: string[];
    dueDate: string[];
    subTotal: number[];
    totalTax: number[];
    total: number[];
    amountDue: number[];
    amountPaid: number[];
    amountCredited: number[];
    fullyPaidOn: (string | null)[];
  };
  payments: { externalId: string[]; invoice: string[]; type: string[]; date: string[]; amount: number[] };
  clients: { externalId: string[]; name: string[]; email: string[] };
  staff: { externalId: string[]; name: string[]; email: string[]; capacity: number[]; billableRate: number[]; costRate: number[] };
  jobs: {
    externalId: string[];
    number: string[];
    client: string[];
    name: string[];
    state: string[];
    startDate: string[];
    dueDate: string[];
    completedDate: (string | null)[];
    budget: number[];
  };
  timeEntries: {
    externalId: string[];
    job: string[];
    staff: string[];
    task: string[];
    date: string[];
    minutes: number[];
    billable: boolean[];
    rate: number[];
    invoiceTask: (string | null)[];
  };
  costs: {
    externalId: string[];
    job: string[];
    date: string[];
    description: string[];
    quantity: number[];
    unitCost: number[];
    unitPrice: number[];
    billable: boolean[];
    invoice: (string | null)[];
  };
  xpmInvoices: {
    externalId: string[];
    number: string[];
    client: string[];
    job: string[];
    status: string[];
    date: string[];
    dueDate: string[];
    amount: number[];
    tax: number[];
    total: number[];
    paid: number[];
    outstanding: number[];
  };
}

/** mulberry32: small, fast and good enough for demo data; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const cents = (amount: number) => Math.round(amount * 100);
const money = (c: number) => c / 100;

const FIRST = ["Harbour", "Summit", "Kauri", "Pacific", "Southern", "Totara", "Coastal", "Alpine", "Northern", "Riverside", "Meridian", "Tasman", "Pohutukawa", "Greenfield", "Bluestone", "Ironbark", "Silverfern", "Westgate", "Eastbridge", "Highland"];
const SECOND = ["Builders", "Dental", "Logistics", "Vineyards", "Engineering", "Architects", "Motors", "Foods", "Legal", "Medical", "Property", "Traders", "Studios", "Farms", "Consulting", "Electrical", "Plumbing", "Retail", "Hospitality", "Freight"];
const SUFFIX = ["Ltd", "Limited", "Group", "& Co", "Partners", "Holdings"];
const SUPPLIERS = ["Office Supplies", "IT Services", "Insurance", "Power & Gas", "Telecom", "Rent", "Software Subscriptions", "Travel", "Couriers", "Cleaning", "Legal Advice", "Recruitment"];
const PEOPLE = ["Aroha Ngata", "Ben Carter", "Chloe Wu", "Daniel Singh", "Emma Taylor", "Finn O'Brien", "Grace Kim", "Hemi Walker", "Isla Brown", "Jack Patel", "Kate Morgan", "Liam Chen", "Mia Roberts", "Noah Wilson", "Olivia Scott", "Priya Nair", "Quinn Adams", "Ruby Hughes", "Sione Tuilagi", "Tom Baker", "Uma Sharma", "Victor Lee", "Wiremu Parata", "Xavier Dunn", "Yasmin Ali", "Zoe Martin", "Aiden Clarke", "Bella Reid", "Caleb Young", "Divya Iyer", "Ethan Fraser", "Fatima Khan", "George Hill", "Hana Sato", "Ivan Petrov", "Jade Thompson", "Kieran Walsh", "Leilani Fonoti", "Marcus Bell", "Nina Kowalski"];
const TASKS = ["Annual accounts", "Tax return", "GST return", "Advisory", "Payroll", "Bookkeeping", "Audit support", "Management accounts"];
const NON_BILLABLE_TASKS = ["Internal meeting", "Training", "Business development", "Admin"];
const COST_ITEMS = ["Company office filing fee", "Courier", "Search fee", "Disbursement", "Travel"];

/** Tax season peaks in March and June; December and January are quiet. */
function seasonality(month: number): number {
  const base = 1 + 0.18 * Math.sin(((month - 1) / 12) * 2 * Math.PI);
  const peaks: Record<number, number> = { 3: 1.25, 6: 1.2, 12: 0.75, 1: 0.7 };
  return base * (peaks[month] ?? 1);
}

type Payer = "prompt" | "slow" | "late" | "bad";

export function generateFinanceData(options: GenerateOptions): FinanceDataset {
  const rand = seededRandom(options.seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const int = (lo: number, hi: number) => Math.floor(uniform(lo, hi + 1));
  const normal = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const chance = (p: number) => rand() < p;
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  // Skewed towards the front of a list: a few big customers, many small ones.
  const pickSkewed = <T,>(list: readonly T[]): T => list[Math.floor(rand() ** 2 * list.length)] as T;
  const uuid = () => {
    const hex = Array.from({ length: 4 }, () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };

  const months = options.months ?? 24;
  const asOfDay = toDay(options.asOf);
  const asOfDate = new Date(asOfDay * DAY_MS);
  const firstMonth = new Date(Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth() - (months - 1), 1));
  const startDay = Math.floor(firstMonth.getTime() / DAY_MS);
  const weekday = (day: number) => {
    const dow = new Date(day * DAY_MS).getUTCDay();
    return dow === 6 ? day - 1 : dow === 0 ? day - 2 : day;
  };

  const data: FinanceDataset = {
    asOf: options.asOf,
    currency: options.currency,
    accounts: { externalId: [], code: [], name: [], type: [], class: [] },
    contacts: { externalId: [], name: [], email: [], isCustomer: [], isSupplier: [] },
    invoices: { externalId: [], number: [], type: [], status: [], contact: [], date: [], dueDate: [], subTotal: [], totalTax: [], total: [], amountDue: [], amountPaid: [], amountCredited: [], fullyPaidOn: [] },
    payments: { externalId: [], invoice: [], type: [], date: [], amount: [] },
    clients: { externalId: [], name: [], email: [] },
    staff: { externalId: [], name: [], email: [], capacity: [], billableRate: [], costRate: [] },
    jobs: { externalId: [], number: [], client: [], name: [], state: [], startDate: [], dueDate: [], completedDate: [], budget: [] },
    timeEntries: { externalId: [], job: [], staff: [], task: [], date: [], minutes: [], billable: [], rate: [], invoiceTask: [] },
    costs: { externalId: [], job: [], date: [], description: [], quantity: [], unitCost: [], unitPrice: [], billable: [], invoice: [] },
    xpmInvoices: { externalId: [], number: [], client: [], job: [], status: [], date: [], dueDate: [], amount: [], tax: [], total: [], paid: [], outstanding: [] },
  };

  // Chart of accounts (a typical Xero default subset) -----------------------------------------------
  for (const [code, name, type, cls] of [
    ["090", "Business Bank Account", "BANK", "ASSET"],
    ["200", "Sales", "REVENUE", "REVENUE"],
    ["260", "Other Revenue", "OTHERINCOME", "REVENUE"],
    ["400", "Advertising", "EXPENSE", "EXPENSE"],
    ["429", "General Expenses", "EXPENSE", "EXPENSE"],
    ["469", "Rent", "EXPENSE", "EXPENSE"],
    ["477", "Wages and Salaries", "EXPENSE", "EXPENSE"],
    ["610", "Accounts Receivable", "CURRENT", "ASSET"],
    ["800", "Accounts Payable", "CURRLIAB", "LIABILITY"],
    ["820", "GST", "CURRLIAB", "LIABILITY"],
  ] as const) {
    data.accounts.externalId.push(uuid());
    data.accounts.code.push(code);
    data.accounts.name.push(name);
    data.accounts.type.push(type);
    data.accounts.class.push(cls);
  }

  // Contacts --------------------------------------------------------------------------------------------
  const customerCount = options.customers ?? Math.max(5, Math.round((options.invoices * 0.7) / 40));
  const supplierCount = Math.max(3, Math.min(200, Math.round((options.invoices * 0.3) / 60)));
  const customers: { id: string; payer: Payer; name: string }[] = [];
  const suppliers: string[] = [];
  for (let i = 0; i < customerCount; i++) {
    const name = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${SUFFIX[i % SUFFIX.length]}${i >= FIRST.length * SECOND.length ? ` ${Math.floor(i / (FIRST.length * SECOND.length)) + 1}` : ""}`;
    const r = rand();
    const payer: Payer = r < 0.5 ? "prompt" : r < 0.8 ? "slow" : r < 0.95 ? "late" : "bad";
    const id = uuid();
    customers.push({ id, payer, name });
    data.contacts.externalId.push(id);
    data.contacts.name.push(name);
    data.contacts.email.push(`accounts${i}@customer.example`);
    data.contacts.isCustomer.push(true);
    data.contacts.isSupplier.push(false);
  }
  for (let i = 0; i < supplierCount; i++) {
    const id = uuid();
    suppliers.push(id);
    data.contacts.externalId.push(id);
    data.contacts.name.push(`${SUPPLIERS[i % SUPPLIERS.length]}${i >= SUPPLIERS.length ? ` ${Math.floor(i / SUPPLIERS.length) + 1}` : ""} Supplier`);
    data.contacts.email.push(`billing${i}@supplier.example`);
    data.contacts.isCustomer.push(false);
    data.contacts.isSupplier.push(true);
  }

  // Invoices, spread over the months by seasonality -------------------------------------------------------
  const monthStarts: number[] = [];
  const weights: number[] = [];
  for (let m = 0; m < months; m++) {
    const d = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth() + m, 1));
    monthStarts.push(Math.floor(d.getTime() / DAY_MS));
    // Slow growth over the two years, times the season.
    weights.push(seasonality(d.getUTCMonth() + 1) * (1 + (0.15 * m) / months));
  }
  monthStarts.push(asOfDay + 1);
  const weightSum = weights.reduce((a, b) => a + b, 0);

  const inv = data.invoices;
  const pay = data.payments;
  let serial = 0;
  let allocated = 0;
  for (let m = 0; m < months; m++) {
    const count = m === months - 1 ? options.invoices - allocated : Math.round((options.invoices * (weights[m] ?? 0)) / weightSum);
    allocated += count;
    const from = monthStarts[m] ?? startDay;
    const to = Math.min((monthStarts[m + 1] ?? asOfDay + 1) - 1, asOfDay);
    for (let k = 0; k < count; k++) {
      serial++;
      const receivable = chance(0.7);
      const date = weekday(Math.max(from, Math.min(to, int(from, to))));
      const due = date + (receivable ? 20 : 30);
      const customer = receivable ? pickSkewed(customers) : undefined;
      const sub = cents(receivable ? Math.exp(7.4 + 0.8 * normal()) : Math.exp(6.3 + 1.0 * normal()));
      const tax = Math.round(sub * 0.15);
      const total = sub + tax;
      const id = uuid();

      let status = "AUTHORISED";
      let paid = 0;
      let credited = 0;
      let fullyPaidOn: number | null = null;
      let lastPayment = date;
      if (date > asOfDay - 5 && chance(0.3)) status = "DRAFT";
      else if (chance(0.01)) status = "VOIDED";
      else {
        const payer: Payer = customer?.payer ?? "prompt";
        const delay =
          payer === "prompt" ? Math.round(normal() * 4 - 3)
          : payer === "slow" ? int(5, 35)
          : payer === "late" ? int(30, 120)
          : chance(0.4) ? Infinity : int(60, 200);
        const payDay = due + delay;
        const addPayment = (day: number, amount: number) => {
          pay.externalId.push(uuid());
          pay.invoice.push(id);
          pay.type.push(receivable ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
          pay.date.push(fromDay(day));
          pay.amount.push(money(amount));
          paid += amount;
          lastPayment = day;
        };
        if (Number.isFinite(payDay) && payDay <= asOfDay) {
          if (receivable && chance(0.08)) {
            // A partial payment now, the rest a month later (if that has happened yet).
            const first = Math.round(total * uniform(0.3, 0.7));
            addPayment(Math.max(payDay, date), first);
            if (payDay + 30 <= asOfDay) addPayment(payDay + 30, total - first);
          } else addPayment(Math.max(payDay, date), total);
        }
        if (paid === total) {
          status = "PAID";
          fullyPaidOn = lastPayment;
        } else if (receivable && payer === "bad" && due + 180 <= asOfDay && chance(0.6)) {
          // Written off with a credit note for what is left.
          credited = total - paid;
          status = "PAID";
          fullyPaidOn = due + 180;
        }
      }
      inv.externalId.push(id);
      inv.number.push(receivable ? `INV-${String(serial).padStart(6, "0")}` : `BILL-${String(serial).padStart(6, "0")}`);
      inv.type.push(receivable ? "ACCREC" : "ACCPAY");
      inv.status.push(status);
      inv.contact.push(customer?.id ?? pick(suppliers));
      inv.date.push(fromDay(date));
      inv.dueDate.push(fromDay(due));
      inv.subTotal.push(money(sub));
      inv.totalTax.push(money(tax));
      inv.total.push(money(total));
      inv.amountDue.push(status === "VOIDED" ? 0 : money(total - paid - credited));
      inv.amountPaid.push(money(paid));
      inv.amountCredited.push(money(credited));
      inv.fullyPaidOn.push(fullyPaidOn === null ? null : fromDay(fullyPaidOn));
    }
  }

  // XPM: clients are the receivable customers -------------------------------------------------------------
  const clientIds = customers.map((c) => {
    const id = uuid();
    data.clients.externalId.push(id);
    data.clients.name.push(c.name);
    data.clients.email.push(`${c.name.split(" ")[0]?.toLowerCase()}@client.example`);
    return id;
  });
  const firmClient = uuid();
  data.clients.externalId.push(firmClient);
  data.clients.name.push("Internal (the firm)");
  data.clients.email.push("office@firm.example");

  // Enough people for the time recorded below: about 1,650 hours a year each (entries average 3¼ hours).
  const timeCount = Math.round(options.invoices * 1.5);
  const staffCount = Math.max(4, Math.round((timeCount * 3.25) / (months / 12) / 1650));
  const staff: { id: string; rate: number; billableShare: number }[] = [];
  for (let i = 0; i < staffCount; i++) {
    const level = i < Math.max(1, Math.round(staffCount * 0.15)) ? "partner" : i < Math.round(staffCount * 0.45) ? "manager" : "associate";
    const rate = level === "partner" ? 320 : level === "manager" ? 220 : 150;
    const id = uuid();
    staff.push({ id, rate, billableShare: level === "partner" ? 0.55 : level === "manager" ? 0.72 : uniform(0.78, 0.9) });
    const name = `${PEOPLE[i % PEOPLE.length]}${i >= PEOPLE.length ? ` ${Math.floor(i / PEOPLE.length) + 1}` : ""}`;
    data.staff.externalId.push(id);
    data.staff.name.push(name);
    data.staff.email.push(`staff${i}@firm.example`);
    data.staff.capacity.push(chance(0.2) ? 30 : 37.5);
    data.staff.billableRate.push(rate);
    data.staff.costRate.push(Math.round(rate * 0.4));
  }

  const jobCount = Math.max(5, Math.round(options.invoices / 10));
  const jobs: { id: string; start: number; end: number; client: string }[] = [];
  for (let j = 0; j < jobCount; j++) {
    const start = weekday(int(startDay, asOfDay - 10));
    const end = start + int(20, 120);
    const client = pickSkewed(clientIds);
    const id = uuid();
    jobs.push({ id, start, end, client });
    data.jobs.externalId.push(id);
    data.jobs.number.push(`J${String(j + 1).padStart(6, "0")}`);
    data.jobs.client.push(client);
    data.jobs.name.push(`${pick(TASKS)} ${new Date(start * DAY_MS).getUTCFullYear()}`);
    data.jobs.state.push(end < asOfDay - 30 ? "Completed" : start > asOfDay - 7 ? "Planned" : "In Progress");
    data.jobs.startDate.push(fromDay(start));
    data.jobs.dueDate.push(fromDay(end));
    data.jobs.completedDate.push(end < asOfDay - 30 ? fromDay(end + int(0, 20)) : null);
    data.jobs.budget.push(0);
  }
  const internalJob = uuid();
  jobs.push({ id: internalJob, start: startDay, end: asOfDay, client: firmClient });
  data.jobs.externalId.push(internalJob);
  data.jobs.number.push("J000000");
  data.jobs.client.push(firmClient);
  data.jobs.name.push("Internal time");
  data.jobs.state.push("In Progress");
  data.jobs.startDate.push(fromDay(startDay));
  data.jobs.dueDate.push(fromDay(asOfDay));
  data.jobs.completedDate.push(null);
  data.jobs.budget.push(0);

  // Time: most billable time older than a month is invoiced; recent time is work in progress.
  const jobValue = new Map<string, number>();
  const invoicedValue = new Map<string, number>();
  const invoiceTaskOf = new Map<string, string>();
  const te = data.timeEntries;
  for (let t = 0; t < timeCount; t++) {
    const who = pick(staff);
    const billable = chance(who.billableShare);
    const job = billable ? (jobs[Math.floor(rand() * (jobs.length - 1))] as (typeof jobs)[number]) : (jobs[jobs.length - 1] as (typeof jobs)[number]);
    const day = weekday(Math.max(startDay, Math.min(asOfDay, int(job.start, Math.min(job.end, asOfDay)))));
    const minutes = chance(0.01) ? -15 * int(1, 4) : 15 * int(2, 24);
    const invoiced = billable && minutes > 0 && chance(day < asOfDay - 30 ? 0.93 : 0.12);
    let invoiceTask: string | null = null;
    if (invoiced) {
      invoiceTask = invoiceTaskOf.get(job.id) ?? uuid();
      invoiceTaskOf.set(job.id, invoiceTask);
      invoicedValue.set(job.id, (invoicedValue.get(job.id) ?? 0) + cents((minutes / 60) * who.rate));
    }
    if (billable) jobValue.set(job.id, (jobValue.get(job.id) ?? 0) + cents((minutes / 60) * who.rate));
    te.externalId.push(uuid());
    te.job.push(job.id);
    te.staff.push(who.id);
    te.task.push(billable ? pick(TASKS) : pick(NON_BILLABLE_TASKS));
    te.date.push(fromDay(day));
    te.minutes.push(minutes);
    te.billable.push(billable);
    te.rate.push(who.rate);
    te.invoiceTask.push(invoiceTask);
  }

  const costCount = Math.max(5, Math.round(options.invoices * 0.1));
  for (let c = 0; c < costCount; c++) {
    const job = jobs[Math.floor(rand() * (jobs.length - 1))] as (typeof jobs)[number];
    const day = weekday(Math.max(startDay, Math.min(asOfDay, int(job.start, Math.min(job.end, asOfDay)))));
    const quantity = int(1, 4);
    const unitCost = cents(uniform(15, 300));
    const unitPrice = Math.round(unitCost * 1.2);
    const billable = chance(0.85);
    const invoiced = billable && chance(day < asOfDay - 30 ? 0.9 : 0.1);
    if (billable) jobValue.set(job.id, (jobValue.get(job.id) ?? 0) + quantity * unitPrice);
    if (invoiced) invoicedValue.set(job.id, (invoicedValue.get(job.id) ?? 0) + quantity * unitPrice);
    data.costs.externalId.push(uuid());
    data.costs.job.push(job.id);
    data.costs.date.push(fromDay(day));
    data.costs.description.push(pick(COST_ITEMS));
    data.costs.quantity.push(quantity);
    data.costs.unitCost.push(money(unitCost));
    data.costs.unitPrice.push(money(unitPrice));
    data.costs.billable.push(billable);
    data.costs.invoice.push(invoiced ? (invoiceTaskOf.get(job.id) ?? uuid()) : null);
  }

  // Budgets: the estimate the job was quoted at, about a third of jobs run over it.
  jobs.forEach((job, j) => {
    const actual = jobValue.get(job.id) ?? 0;
    data.jobs.budget[j] = job.id === internalJob ? 0 : Math.max(500, Math.round((money(actual) * uniform(0.75, 1.4)) / 100) * 100);
  });

  // XPM invoices: the invoiced value of each job, in one or two progress invoices.
  let xpmSerial = 0;
  for (const job of jobs) {
    const value = invoicedValue.get(job.id);
    if (!value) continue;
    const parts = value > 500_000 ? 2 : 1;
    for (let p = 0; p < parts; p++) {
      xpmSerial++;
      const amount = p === parts - 1 ? value - Math.floor(value / parts) * (parts - 1) : Math.floor(value / parts);
      const tax = Math.round(amount * 0.15);
      const day = Math.min(asOfDay, job.start + Math.round(((job.end - job.start) * (p + 1)) / parts));
      const paidUp = day < asOfDay - 45 || chance(0.3);
      data.xpmInvoices.externalId.push(p === 0 ? (invoiceTaskOf.get(job.id) ?? uuid()) : uuid());
      data.xpmInvoices.number.push(`XPM-${String(xpmSerial).padStart(6, "0")}`);
      data.xpmInvoices.client.push(job.client);
      data.xpmInvoices.job.push(job.id);
      data.xpmInvoices.status.push(paidUp ? "Paid" : "Approved");
      data.xpmInvoices.date.push(fromDay(day));
      data.xpmInvoices.dueDate.push(fromDay(day + 20));
      data.xpmInvoices.amount.push(money(amount));
      data.xpmInvoices.tax.push(money(tax));
      data.xpmInvoices.total.push(money(amount + tax));
      data.xpmInvoices.paid.push(paidUp ? money(amount + tax) : 0);
      data.xpmInvoices.outstanding.push(paidUp ? 0 : money(amount + tax));
    }
  }
  return data;
}
