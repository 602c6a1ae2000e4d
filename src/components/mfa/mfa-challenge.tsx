"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { formatWait } from "@/components/auth/format-wait";
import { FormFailure } from "@/components/forms/form-failure";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ApiError } from "@/lib/api-client";
import { safeNextPath } from "@/lib/auth-schemas";
import { recoverMfaBody, totpCodeSchema } from "@/lib/mfa-schemas";

import { useMfaFactors, useRecoverWithCode, useVerifyFactor } from "./mfa-queries";

function failureTitle(error: ApiError): string {
  if (error.code === "RATE_LIMITED") {
    const wait = error.retryAfterSeconds;
    return wait ? `Too many wrong codes: wait ${formatWait(wait)}` : "Too many wrong codes: wait a while";
  }
  return "The code was not accepted";
}

/** The login page's second step: a code from the app, or a recovery code. */
export function MfaChallenge({ next }: { next?: string }) {
  const router = useRouter();
  const factors = useMfaFactors();
  const verify = useVerifyFactor();
  const recover = useRecoverWithCode();
  const [useRecovery, setUseRecovery] = useState(false);
  const [errors, setErrors] = useState<string[] | undefined>();
  const [factorId, setFactorId] = useState<string | null>(null);
  // After a recovery code: how many are left, said before moving on.
  const [remaining, setRemaining] = useState<number | null>(null);

  const done = () => {
    router.replace(safeNextPath(next));
    router.refresh();
  };
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.fieldErrors.code) setErrors(error.fieldErrors.code);
  };

  if (remaining !== null) {
    return (
      <div className="grid gap-4">
        <Alert variant={remaining > 2 ? "success" : "warning"}>
          <AlertTitle>Signed in with a recovery code</AlertTitle>
          <AlertDescription>
            {remaining === 1 ? "1 recovery code left." : `${remaining} recovery codes left.`} Generate new ones on your profile page
            {remaining > 2 ? " when you run low." : " soon."}
          </AlertDescription>
        </Alert>
        <Button type="button" autoFocus onClick={done}>
          Continue
        </Button>
      </div>
    );
  }
  if (factors.isPending) return <Skeleton className="h-32 w-full" aria-label="Loading" />;
  if (factors.isError) return <p role="alert" className="text-sm text-destructive">{factors.error.message}</p>;
  const verified = factors.data.factors.filter((f) => f.status === "verified");
  const chosen = factorId ?? verified[0]?.id ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get("code");
    if (useRecovery) {
      const parsed = recoverMfaBody.safeParse({ code: raw });
      if (!parsed.success) return setErrors(parsed.error.issues.map((i) => i.message));
      setErrors(undefined);
      recover.mutate(parsed.data.code, { onSuccess: (data) => setRemaining(data.recoveryCodesRemaining ?? 0), onError });
      return;
    }
    const parsed = totpCodeSchema.safeParse(raw);
    if (!parsed.success || !chosen) return setErrors(parsed.error?.issues.map((i) => i.message) ?? ["Choose an authenticator"]);
    setErrors(undefined);
    verify.mutate({ factorId: chosen, code: parsed.data }, { onSuccess: done, onError });
  }

  const mutation = useRecovery ? recover : verify;
  const failure = mutation.error instanceof ApiError && !mutation.error.fieldErrors.code ? mutation.error : null;
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <form noValidate onSubmit={submit} className="grid gap-4" aria-label="Two-factor sign-in">
      <p className="text-sm text-muted-foreground">
        {useRecovery ? "Enter one of the recovery codes you saved. Each works once." : "Open your authenticator app and enter the 6-digit code for XeroPulse."}
      </p>
      <FormFailure error={failure} title={failureTitle} />
      {!useRecovery && verified.length > 1 ? (
        <div className="grid gap-2">
          <label htmlFor="factor" className="text-sm font-medium">
            Authenticator
          </label>
          <NativeSelect id="factor" value={chosen ?? ""} onChange={(e) => setFactorId(e.target.value)}>
            {verified.map((f) => (
              <option key={f.id} value={f.id}>
                {f.friendlyName}
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
      <FormField
        key={useRecovery ? "recovery" : "totp"}
        id="code"
        name="code"
        label={useRecovery ? "Recovery code" : "Code"}
        inputMode={useRecovery ? "text" : "numeric"}
        autoComplete={useRecovery ? "off" : "one-time-code"}
        autoFocus
        required
        error={errors}
      />
      <SubmitButton pending={busy} pendingLabel="Checking…" className="w-full">
        Verify
      </SubmitButton>
      <Button
        type="button"
        variant="link"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setErrors(undefined);
          verify.reset();
          recover.reset();
        }}
      >
        {useRecovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
      </Button>
    </form>
  );
}
