"use client";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";

/** Recovery codes, shown once: copy or download them now; the server keeps only their hashes. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const toast = useToast();
  const asText = `XeroPulse recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <div className="grid gap-3" data-testid="recovery-codes">
      <Alert>
        <AlertTitle>Save your recovery codes now</AlertTitle>
        <AlertDescription>
          If you lose your phone, each code signs you in once instead of the app. They are shown only this once.
        </AlertDescription>
      </Alert>
      <ul className="grid grid-cols-1 gap-1 rounded-md border bg-muted/40 p-3 font-mono text-sm sm:grid-cols-2" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          onClick={() =>
            navigator.clipboard.writeText(asText).then(
              () => toast({ title: "Recovery codes copied" }),
              () => toast({ title: "Could not copy; select the codes instead", variant: "error" }),
            )
          }
        >
          Copy
        </Button>
        <Button type="button" variant="outline" asChild>
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(asText)}`} download="xeropulse-recovery-codes.txt">
            Download
          </a>
        </Button>
        <Button type="button" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}
