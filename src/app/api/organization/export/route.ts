import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { exportOrganization } from "@/server/orgs/export-organization";

/** Everything the organization holds, as a zip of CSV and JSON streamed while it is read (audited). */
export const GET = route({ auth: "user", permission: "org.manage" }, async ({ db, claims, org }) => {
  const { filename, body } = await exportOrganization(db, claims, org);
  return new Response(body, {
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${filename}"` },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
