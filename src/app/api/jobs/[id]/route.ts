import { z } from "zod";
import { getJob } from "@/server/jobs/get-job";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

const jobParams = z.object({ id: z.uuid() });

// A member watches the organization's jobs that their permissions cover (each job kind names the
// permission that reads it): import and sync progress bars.
export const GET = route({ auth: "user", org: true, params: jobParams }, ({ db, org, params }) =>
  db((tx) => getJob(tx, org, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
