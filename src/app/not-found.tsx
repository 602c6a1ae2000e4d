import { Compass } from "lucide-react";
import type { Metadata } from "next";

import { StatusPage } from "@/components/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="min-h-dvh">
      <StatusPage icon={Compass} code="404" title="Page not found">
        <p>There is nothing at this address, or you do not have access to it.</p>
        <p>Check the link, or start again from your home page.</p>
      </StatusPage>
    </main>
  );
}
