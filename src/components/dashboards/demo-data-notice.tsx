"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

/** How often the page checks again: the demo data takes tens of seconds on a small machine. */
const RECHECK_MS = 4000;

/**
 * Shown on the dashboards while the embedded demo's bulk data is still being generated (a
 * background job after start-up): the figures are incomplete until then. Re-renders the page
 * from the server every few seconds, so the notice goes and the figures fill in by themselves.
 */
export function DemoDataNotice() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), RECHECK_MS);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <Alert variant="warning" className="mb-6">
      <Spinner label="" />
      <AlertTitle>Demo data is being prepared</AlertTitle>
      <AlertDescription>
        The demo&apos;s two years of invoices and practice data are being generated. The figures below fill in when it is done, usually within a minute.
      </AlertDescription>
    </Alert>
  );
}
