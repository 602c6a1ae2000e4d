import { ShieldX } from "lucide-react";

import { StatusPage } from "@/components/status-page";

/** Inside an organization the shell stays, so the menu shows what the role may use instead. */
export default function OrgForbidden() {
  return (
    <StatusPage icon={ShieldX} code="403" title="You do not have access to this page">
      <p>Your role in this organization does not include it. The menu shows everything you can use; if you need more, ask an admin.</p>
    </StatusPage>
  );
}
