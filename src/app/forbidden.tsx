import { ShieldX } from "lucide-react";
import type { Metadata } from "next";

import { StatusPage } from "@/components/status-page";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <main className="min-h-dvh">
      <StatusPage icon={ShieldX} code="403" title="You do not have access to this page">
        <p>Your role in this organization does not include it. If you need it, ask an admin of the organization.</p>
      </StatusPage>
    </main>
  );
}
