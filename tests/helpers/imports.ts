/**
 * Driving imports in tests: upload through the route handler, run the jobs in-process the way the
 * worker does (same registry, same storage module), read the import back.
 */
import { expect } from "vitest";
import { POST as upload, GET as listRoute } from "@/app/api/imports/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/imports/[id]/route";
import { POST as confirmRoute } from "@/app/api/imports/[id]/confirm/route";
import { POST as revertRoute } from "@/app/api/imports/[id]/revert/route";
import { GET as errorsRoute } from "@/app/api/imports/[id]/errors/route";
import type { Engine } from "@/server/db";
import { appJobRegistry } from "@/server/jobs/app-job-registry";
import { jobDatabase } from "@/server/jobs/job-database";
import { importFileStore } from "@/server/storage/import-files";
import type { ImportDetailView, ImportView } from "@/lib/import-views";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import type { JobDatabase } from "@edge-shared/db/database.ts";
import type { TestClient } from "./http-client";
import { uploadForm } from "./workbooks";

export const importRoutes = { upload, list: listRoute, get: getRoute, patch: patchRoute, confirm: confirmRoute, revert: revertRoute, errors: errorsRoute };

/** Runs every due job (validation, processing, revert) until none is left. */
export async function runJobs(engine: Engine, options: { db?: JobDatabase; workerId?: string } = {}) {
  return drainJobs({
    db: options.db ?? jobDatabase(engine),
    registry: appJobRegistry,
    kinds: "all",
    workerId: options.workerId ?? "test-worker",
    leaseSeconds: 30,
    deadline: Date.now() + 120_000,
    maxJobs: 1000,
    services: { importFiles: importFileStore() },
  });
}

export class ImportSession {
  constructor(readonly client: TestClient, readonly org: string, readonly engine: Engine) {}

  private headers() {
    return { "x-org-id": this.org };
  }

  upload(bytes: Buffer, type: "purchase_orders" | "quantity_surveys" | string, fileName = "upload.xlsx") {
    return this.client.call<ImportView & Record<string, unknown>>(upload, "/api/imports", { form: uploadForm(bytes, type, fileName), headers: this.headers() });
  }

  get(id: string, errorsOnly = false) {
    return this.client.call<ImportDetailView>(getRoute, `/api/imports/${id}`, { params: { id }, headers: this.headers(), query: errorsOnly ? { errorsOnly: "true" } : {} });
  }

  list(query: Record<string, string> = {}) {
    return this.client.call<{ items: ImportView[]; total: number }>(listRoute, "/api/imports", { headers: this.headers(), query });
  }

  patch(id: string, body: unknown) {
    return this.client.call<ImportView>(patchRoute, `/api/imports/${id}`, { method: "PATCH", params: { id }, headers: this.headers(), body });
  }

  confirm(id: string) {
    return this.client.call<{ import: ImportView; jobId: string; created: boolean }>(confirmRoute, `/api/imports/${id}/confirm`, { method: "POST", params: { id }, headers: this.headers() });
  }

  revert(id: string) {
    return this.client.call<{ import: ImportView; jobId: string; created: boolean }>(revertRoute, `/api/imports/${id}/revert`, { method: "POST", params: { id }, headers: this.headers() });
  }

  errors(id: string) {
    return this.client.call(errorsRoute, `/api/imports/${id}/errors`, { params: { id }, headers: this.headers(), binary: true });
  }

  /** Upload and validate: the import, ready for confirmation. */
  async validated(bytes: Buffer, type: "purchase_orders" | "quantity_surveys" = "purchase_orders"): Promise<ImportDetailView> {
    const res = await this.upload(bytes, type);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    await runJobs(this.engine);
    const view = await this.get(res.json.id);
    expect(view.json.status, view.json.error ?? "").toBe("ready");
    return view.json;
  }

  /** Upload, validate, confirm and apply: the finished import. */
  async imported(bytes: Buffer, type: "purchase_orders" | "quantity_surveys" = "purchase_orders"): Promise<ImportDetailView> {
    const ready = await this.validated(bytes, type);
    const confirmed = await this.confirm(ready.id);
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(202);
    await runJobs(this.engine);
    const done = await this.get(ready.id);
    expect(done.json.status, done.json.error ?? "").toBe("succeeded");
    return done.json;
  }
}
