"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { safeNextPath } from "@/lib/auth-schemas";

import { useRegenerateRecoveryCodes } from "./mfa-queries";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { TotpEnrollment } from "./totp-enrollment";

/** The enrollment page's flow: add an authenticator, save the recovery codes, go on. */
export function MfaSetup({ next }: { next?: string }) {
  const router = useRouter();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const done = () => {
    router.replace(safeNextPath(next));
    router.refresh();
  };
  if (codes) return <RecoveryCodesPanel codes={codes} onDone={done} />;
  return (
    <div className="grid gap-3">
      <TotpEnrollment onEnrolled={() => regenerate.mutate(undefined, { onSuccess: (data) => setCodes(data.codes), onError: done })} />
      {regenerate.isPending ? <p className="text-sm text-muted-foreground">Preparing your recovery codes…</p> : null}
    </div>
  );
}
