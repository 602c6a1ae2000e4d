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
interface Customer { id: string; payer: Payer; name: string }
interface StaffMember { id: string; rate: number; billableShare: number }
interface Job { id: string; start: number; end: number; client: string }
/** What the jobs' time and costs are worth, and what of it was invoiced (cents), by job. */
interface JobLedger { value: Map<string, number>; invoiced: Map<string, number>; invoiceTaskOf: Map<string, string> }

/**
 * The random source and the calendar every section draws from. Sections run in a fixed order and
 * each draws in a fixed order, so the same options always give the same rows.
 */
interface Draw {
  rand: () => number;
  uniform: (lo: number, hi: number) => number;
  int: (lo: number, hi: number) => number;
  normal: () => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
  /** Skewed towards the front of a list: a few big customers, many small ones. */
  pickSkewed: <T>(list: readonly T[]) => T;
  uuid: () => string;
  months: number;
  asOfDay: number;
  startDay: number;
  firstMonth: Date;
  /** A weekend day moved back to the Friday before. */
  weekday: (day: number) => number;
}

function draw(options: GenerateOptions): Draw {
  const rand = seededRandom(options.seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const months = options.months ?? 24;
  const asOfDay = toDay(options.asOf);
  const asOfDate = new Date(asOfDay * DAY_MS);
  const firstMonth = new Date(Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth() - (months - 1), 1));
  return {
    rand,
    uniform,
    int: (lo, hi) => Math.floor(uniform(lo, hi + 1)),
    normal: () => {
      const u = Math.max(rand(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    },
    chance: (p) => rand() < p,
    pick: (list) => list[Math.floor(rand() * list.length)]!,
    pickSkewed: (list) => list[Math.floor(rand() ** 2 * list.length)]!,
    uuid: () => {
      const hex = Array.from({ length: 4 }, () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    months,
    asOfDay,
    startDay: Math.floor(firstMonth.getTime() / DAY_MS),
    firstMonth,
    weekday: (day) => {
      const dow = new Date(day * DAY_MS).getUTCDay();
      return dow === 6 ? day - 1 : dow === 0 ? day - 2 : day;
    },
  };
}

function emptyDataset(options: GenerateOptions): FinanceDataset {
  return {
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
}

export function generateFinanceData(options: GenerateOptions): FinanceDataset {
  const d = draw(options);
  const data = emptyDataset(options);
  addAccounts(d, data);
  const { customers, suppliers } = addContacts(d, data, options);
  addInvoices(d, data, options, customers, suppliers);
  const { clientIds, firmClient } = addClients(d, data, customers);
  // Enough people for the time recorded below: about 1,650 hours a year each (entries average 3¼ hours).
  const timeCount = Math.round(options.invoices * 1.5);
  const staff = addStaff(d, data, timeCount);
  const { jobs, internalJob } = addJobs(d, data, options, clientIds, firmClient);
  const ledger = addTime(d, data, jobs, staff, timeCount);
  addCosts(d, data, options, jobs, ledger);
  setBudgets(d, data, jobs, internalJob, ledger);
  addXpmInvoices(d, data, jobs, ledger);
  return data;
}

/** A typical Xero default chart of accounts (a subset). */
function addAccounts(d: Draw, data: FinanceDataset) {
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
    data.accounts.externalId.push(d.uuid());
    data.accounts.code.push(code);
    data.accounts.name.push(name);
    data.accounts.type.push(type);
    data.accounts.class.push(cls);
  }
}

/** Customers, each with a payment habit, and suppliers. */
function addContacts(d: Draw, data: FinanceDataset, options: GenerateOptions): { customers: Customer[]; suppliers: string[] } {
  const customerCount = options.customers ?? Math.max(5, Math.round((options.invoices * 0.7) / 40));
  const supplierCount = Math.max(3, Math.min(200, Math.round((options.invoices * 0.3) / 60)));
  const customers: Customer[] = [];
  const suppliers: string[] = [];
  for (let i = 0; i < customerCount; i++) {
    const name = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${SUFFIX[i % SUFFIX.length]}${i >= FIRST.length * SECOND.length ? ` ${Math.floor(i / (FIRST.length * SECOND.length)) + 1}` : ""}`;
    const r = d.rand();
    const payer: Payer = r < 0.5 ? "prompt" : r < 0.8 ? "slow" : r < 0.95 ? "late" : "bad";
    const id = d.uuid();
    customers.push({ id, payer, name });
    data.contacts.externalId.push(id);
    data.contacts.name.push(name);
    data.contacts.email.push(`accounts${i}@customer.example`);
    data.contacts.isCustomer.push(true);
    data.contacts.isSupplier.push(false);
  }
  for (let i = 0; i < supplierCount; i++) {
    const id = d.uuid();
    suppliers.push(id);
    data.contacts.externalId.push(id);
    data.contacts.name.push(`${SUPPLIERS[i % SUPPLIERS.length]}${i >= SUPPLIERS.length ? ` ${Math.floor(i / SUPPLIERS.length) + 1}` : ""} Supplier`);
    data.contacts.email.push(`billing${i}@supplier.example`);
    data.contacts.isCustomer.push(false);
    data.contacts.isSupplier.push(true);
  }
  return { customers, suppliers };
}

/** The first day of each month of the range (and the day after as-of), with its share of the invoices. */
function monthSlots(d: Draw): { starts: number[]; weights: number[] } {
  const starts: number[] = [];
  const weights: number[] = [];
  for (let m = 0; m < d.months; m++) {
    const day = new Date(Date.UTC(d.firstMonth.getUTCFullYear(), d.firstMonth.getUTCMonth() + m, 1));
    starts.push(Math.floor(day.getTime() / DAY_MS));
    // Slow growth over the two years, times the season.
    weights.push(seasonality(day.getUTCMonth() + 1) * (1 + (0.15 * m) / d.months));
  }
  starts.push(d.asOfDay + 1);
  return { starts, weights };
}

/** Receivable and payable invoices spread over the months by seasonality, with their payments. */
function addInvoices(d: Draw, data: FinanceDataset, options: GenerateOptions, customers: Customer[], suppliers: string[]) {
  const { starts, weights } = monthSlots(d);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let serial = 0;
  let allocated = 0;
  for (let m = 0; m < d.months; m++) {
    const count = m === d.months - 1 ? options.invoices - allocated : Math.round((options.invoices * (weights[m] ?? 0)) / weightSum);
    allocated += count;
    const from = starts[m] ?? d.startDay;
    const to = Math.min((starts[m + 1] ?? d.asOfDay + 1) - 1, d.asOfDay);
    for (let k = 0; k < count; k++) addInvoice(d, data, ++serial, from, to, customers, suppliers);
  }
}

/** One invoice dated between `from` and `to`: its status and payments follow its customer's habit. */
function addInvoice(d: Draw, data: FinanceDataset, serial: number, from: number, to: number, customers: Customer[], suppliers: string[]) {
  const inv = data.invoices;
  const pay = data.payments;
  const receivable = d.chance(0.7);
  const date = d.weekday(Math.max(from, Math.min(to, d.int(from, to))));
  const due = date + (receivable ? 20 : 30);
  const customer = receivable ? d.pickSkewed(customers) : undefined;
  const sub = cents(receivable ? Math.exp(7.4 + 0.8 * d.normal()) : Math.exp(6.3 + 1.0 * d.normal()));
  const tax = Math.round(sub * 0.15);
  const total = sub + tax;
  const id = d.uuid();

  let status = "AUTHORISED";
  let paid = 0;
  let credited = 0;
  let fullyPaidOn: number | null = null;
  let lastPayment = date;
  if (date > d.asOfDay - 5 && d.chance(0.3)) status = "DRAFT";
  else if (d.chance(0.01)) status = "VOIDED";
  else {
    const payer: Payer = customer?.payer ?? "prompt";
    const delay =
      payer === "prompt" ? Math.round(d.normal() * 4 - 3)
      : payer === "slow" ? d.int(5, 35)
      : payer === "late" ? d.int(30, 120)
      : d.chance(0.4) ? Infinity : d.int(60, 200);
    const payDay = due + delay;
    const addPayment = (day: number, amount: number) => {
      pay.externalId.push(d.uuid());
      pay.invoice.push(id);
      pay.type.push(receivable ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
      pay.date.push(fromDay(day));
      pay.amount.push(money(amount));
      paid += amount;
      lastPayment = day;
    };
    if (Number.isFinite(payDay) && payDay <= d.asOfDay) {
      if (receivable && d.chance(0.08)) {
        // A partial payment now, the rest a month later (if that has happened yet).
        const first = Math.round(total * d.uniform(0.3, 0.7));
        addPayment(Math.max(payDay, date), first);
        if (payDay + 30 <= d.asOfDay) addPayment(payDay + 30, total - first);
      } else addPayment(Math.max(payDay, date), total);
    }
    if (paid === total) {
      status = "PAID";
      fullyPaidOn = lastPayment;
    } else if (receivable && payer === "bad" && due + 180 <= d.asOfDay && d.chance(0.6)) {
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
  inv.contact.push(customer?.id ?? d.pick(suppliers));
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

/** XPM clients: the receivable customers, and the firm itself for internal time. */
function addClients(d: Draw, data: FinanceDataset, customers: Customer[]): { clientIds: string[]; firmClient: string } {
  const clientIds = customers.map((c) => {
    const id = d.uuid();
    data.clients.externalId.push(id);
    data.clients.name.push(c.name);
    data.clients.email.push(`${c.name.split(" ")[0]?.toLowerCase()}@client.example`);
    return id;
  });
  const firmClient = d.uuid();
  data.clients.externalId.push(firmClient);
  data.clients.name.push("Internal (the firm)");
  data.clients.email.push("office@firm.example");
  return { clientIds, firmClient };
}

/** Partners, managers and associates, with their rates and how much of their time is billable. */
function addStaff(d: Draw, data: FinanceDataset, timeCount: number): StaffMember[] {
  const staffCount = Math.max(4, Math.round((timeCount * 3.25) / (d.months / 12) / 1650));
  const staff: StaffMember[] = [];
  for (let i = 0; i < staffCount; i++) {
    const level = i < Math.max(1, Math.round(staffCount * 0.15)) ? "partner" : i < Math.round(staffCount * 0.45) ? "manager" : "associate";
    const rate = level === "partner" ? 320 : level === "manager" ? 220 : 150;
    const id = d.uuid();
    staff.push({ id, rate, billableShare: level === "partner" ? 0.55 : level === "manager" ? 0.72 : d.uniform(0.78, 0.9) });
    const name = `${PEOPLE[i % PEOPLE.length]}${i >= PEOPLE.length ? ` ${Math.floor(i / PEOPLE.length) + 1}` : ""}`;
    data.staff.externalId.push(id);
    data.staff.name.push(name);
    data.staff.email.push(`staff${i}@firm.example`);
    data.staff.capacity.push(d.chance(0.2) ? 30 : 37.5);
    data.staff.billableRate.push(rate);
    data.staff.costRate.push(Math.round(rate * 0.4));
  }
  return staff;
}

/** Client jobs over the range (budgets come once their value is known), and the firm's internal job last. */
function addJobs(d: Draw, data: FinanceDataset, options: GenerateOptions, clientIds: string[], firmClient: string): { jobs: Job[]; internalJob: string } {
  const jobCount = Math.max(5, Math.round(options.invoices / 10));
  const jobs: Job[] = [];
  const push = (job: Job, number: string, name: string, state: string, completed: string | null) => {
    jobs.push(job);
    data.jobs.externalId.push(job.id);
    data.jobs.number.push(number);
    data.jobs.client.push(job.client);
    data.jobs.name.push(name);
    data.jobs.state.push(state);
    data.jobs.startDate.push(fromDay(job.start));
    data.jobs.dueDate.push(fromDay(job.end));
    data.jobs.completedDate.push(completed);
    data.jobs.budget.push(0);
  };
  for (let j = 0; j < jobCount; j++) {
    const start = d.weekday(d.int(d.startDay, d.asOfDay - 10));
    const end = start + d.int(20, 120);
    const client = d.pickSkewed(clientIds);
    const id = d.uuid();
    const name = `${d.pick(TASKS)} ${new Date(start * DAY_MS).getUTCFullYear()}`;
    const state = end < d.asOfDay - 30 ? "Completed" : start > d.asOfDay - 7 ? "Planned" : "In Progress";
    push({ id, start, end, client }, `J${String(j + 1).padStart(6, "0")}`, name, state, end < d.asOfDay - 30 ? fromDay(end + d.int(0, 20)) : null);
  }
  const internalJob = d.uuid();
  push({ id: internalJob, start: d.startDay, end: d.asOfDay, client: firmClient }, "J000000", "Internal time", "In Progress", null);
  return { jobs, internalJob };
}

/** Time: most billable time older than a month is invoiced; recent time is work in progress. */
function addTime(d: Draw, data: FinanceDataset, jobs: Job[], staff: StaffMember[], timeCount: number): JobLedger {
  const ledger: JobLedger = { value: new Map(), invoiced: new Map(), invoiceTaskOf: new Map() };
  const te = data.timeEntries;
  for (let t = 0; t < timeCount; t++) {
    const who = d.pick(staff);
    const billable = d.chance(who.billableShare);
    const job = billable ? jobs[Math.floor(d.rand() * (jobs.length - 1))]! : jobs[jobs.length - 1]!;
    const day = d.weekday(Math.max(d.startDay, Math.min(d.asOfDay, d.int(job.start, Math.min(job.end, d.asOfDay)))));
    const minutes = d.chance(0.01) ? -15 * d.int(1, 4) : 15 * d.int(2, 24);
    const invoiced = billable && minutes > 0 && d.chance(day < d.asOfDay - 30 ? 0.93 : 0.12);
    let invoiceTask: string | null = null;
    if (invoiced) {
      invoiceTask = ledger.invoiceTaskOf.get(job.id) ?? d.uuid();
      ledger.invoiceTaskOf.set(job.id, invoiceTask);
      ledger.invoiced.set(job.id, (ledger.invoiced.get(job.id) ?? 0) + cents((minutes / 60) * who.rate));
    }
    if (billable) ledger.value.set(job.id, (ledger.value.get(job.id) ?? 0) + cents((minutes / 60) * who.rate));
    te.externalId.push(d.uuid());
    te.job.push(job.id);
    te.staff.push(who.id);
    te.task.push(billable ? d.pick(TASKS) : d.pick(NON_BILLABLE_TASKS));
    te.date.push(fromDay(day));
    te.minutes.push(minutes);
    te.billable.push(billable);
    te.rate.push(who.rate);
    te.invoiceTask.push(invoiceTask);
  }
  return ledger;
}

/** Disbursements on client jobs, most billable, most older ones invoiced. */
function addCosts(d: Draw, data: FinanceDataset, options: GenerateOptions, jobs: Job[], ledger: JobLedger) {
  const costCount = Math.max(5, Math.round(options.invoices * 0.1));
  for (let c = 0; c < costCount; c++) {
    const job = jobs[Math.floor(d.rand() * (jobs.length - 1))]!;
    const day = d.weekday(Math.max(d.startDay, Math.min(d.asOfDay, d.int(job.start, Math.min(job.end, d.asOfDay)))));
    const quantity = d.int(1, 4);
    const unitCost = cents(d.uniform(15, 300));
    const unitPrice = Math.round(unitCost * 1.2);
    const billable = d.chance(0.85);
    const invoiced = billable && d.chance(day < d.asOfDay - 30 ? 0.9 : 0.1);
    if (billable) ledger.value.set(job.id, (ledger.value.get(job.id) ?? 0) + quantity * unitPrice);
    if (invoiced) ledger.invoiced.set(job.id, (ledger.invoiced.get(job.id) ?? 0) + quantity * unitPrice);
    data.costs.externalId.push(d.uuid());
    data.costs.job.push(job.id);
    data.costs.date.push(fromDay(day));
    data.costs.description.push(d.pick(COST_ITEMS));
    data.costs.quantity.push(quantity);
    data.costs.unitCost.push(money(unitCost));
    data.costs.unitPrice.push(money(unitPrice));
    data.costs.billable.push(billable);
    data.costs.invoice.push(invoiced ? (ledger.invoiceTaskOf.get(job.id) ?? d.uuid()) : null);
  }
}

/** Budgets: the estimate each job was quoted at; about a third of jobs run over it. */
function setBudgets(d: Draw, data: FinanceDataset, jobs: Job[], internalJob: string, ledger: JobLedger) {
  jobs.forEach((job, j) => {
    const actual = ledger.value.get(job.id) ?? 0;
    data.jobs.budget[j] = job.id === internalJob ? 0 : Math.max(500, Math.round((money(actual) * d.uniform(0.75, 1.4)) / 100) * 100);
  });
}

/** XPM invoices: the invoiced value of each job, in one or two progress invoices. */
function addXpmInvoices(d: Draw, data: FinanceDataset, jobs: Job[], ledger: JobLedger) {
  let xpmSerial = 0;
  for (const job of jobs) {
    const value = ledger.invoiced.get(job.id);
    if (!value) continue;
    const parts = value > 500_000 ? 2 : 1;
    for (let p = 0; p < parts; p++) {
      xpmSerial++;
      const amount = p === parts - 1 ? value - Math.floor(value / parts) * (parts - 1) : Math.floor(value / parts);
      const tax = Math.round(amount * 0.15);
      const day = Math.min(d.asOfDay, job.start + Math.round(((job.end - job.start) * (p + 1)) / parts));
      const paidUp = day < d.asOfDay - 45 || d.chance(0.3);
      data.xpmInvoices.externalId.push(p === 0 ? (ledger.invoiceTaskOf.get(job.id) ?? d.uuid()) : d.uuid());
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
}
