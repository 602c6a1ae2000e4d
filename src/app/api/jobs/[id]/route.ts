import { z } from "zod";
import { getJob } from "@/server/jobs/get-job";
import { route } from "@/server/http/route";

const jobParams = z.object({ id: z.uuid() });

// Any member of the organization may watch its jobs (import and sync progress bars).
export const GET = route({ auth: "user", org: true, params: jobParams }, ({ db, org, params }) =>
  db((tx) => getJob(tx, org.id, params.id)),
);
