// Edge Function: runs the due jobs of the alert-evaluate runner (see _shared/edge/job-function.ts).
import { createJobFunctionHandler } from "../_shared/edge/job-function.ts";
import { jobRegistry } from "../_shared/jobs/shared-job-registry.ts";

const handler = createJobFunctionHandler({ runner: "alert-evaluate", registry: jobRegistry, env: (name) => Deno.env.get(name) });
// PORT only matters under plain `deno run` (CI); the Supabase runtime routes requests itself.
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000), onListen: () => undefined }, handler);
