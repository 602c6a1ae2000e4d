"use client";

import { useState, type FormEvent } from "react";

import { FormFailure } from "@/components/forms/form-failure";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ApiError } from "@/lib/api-client";
import { enrollMfaBody, totpCodeSchema } from "@/lib/mfa-schemas";
import type { MfaEnrollmentView } from "@/lib/mfa-views";

import { useEnrollFactor, useVerifyFactor } from "./mfa-queries";

/**
 * Adding an authenticator: a name, then the QR code and the secret as text (for an app on the same
 * phone), then a code from the app to confirm. `onEnrolled` runs once the factor is verified (the
 * session is aal2 from then on).
 */
export function TotpEnrollment({ onEnrolled, defaultName = "Authenticator app" }: { onEnrolled: () => void; defaultName?: string }) {
  const enroll = useEnrollFactor();
  const verify = useVerifyFactor();
  const [enrollment, setEnrollment] = useState<MfaEnrollmentView | null>(null);
  const [errors, setErrors] = useState<{ friendlyName?: string[]; code?: string[] }>({});

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = enrollMfaBody.safeParse({ friendlyName: new FormData(event.currentTarget).get("friendlyName") });
    if (!parsed.success) return setErrors({ friendlyName: parsed.error.issues.map((i) => i.message) });
    setErrors({});
    enroll.mutate(parsed.data.friendlyName, {
      onSuccess: setEnrollment,
      onError: (error) => {
        if (error instanceof ApiError && error.fieldErrors.friendlyName) setErrors({ friendlyName: error.fieldErrors.friendlyName });
      },
    });
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!enrollment) return;
    const parsed = totpCodeSchema.safeParse(new FormData(event.currentTarget).get("code"));
    if (!parsed.success) return setErrors({ code: parsed.error.issues.map((i) => i.message) });
    setErrors({});
    verify.mutate(
      { factorId: enrollment.factorId, code: parsed.data },
      {
        onSuccess: onEnrolled,
        onError: (error) => {
          if (error instanceof ApiError && error.fieldErrors.code) setErrors({ code: error.fieldErrors.code });
        },
      },
    );
  }

  if (!enrollment) {
    const failure = enroll.error instanceof ApiError && !enroll.error.fieldErrors.friendlyName ? enroll.error : null;
    return (
      <form noValidate onSubmit={start} className="grid max-w-sm gap-4">
        <FormFailure error={failure} title="The authenticator could not be added" />
        <FormField
          id="friendlyName"
          name="friendlyName"
          label="Name"
          hint="To tell your authenticators apart, e.g. “Work phone”."
          defaultValue={defaultName}
          maxLength={60}
          required
          error={errors.friendlyName}
        />
        <div>
          <SubmitButton pending={enroll.isPending} pendingLabel="Preparing…">
            Continue
          </SubmitButton>
        </div>
      </form>
    );
  }

  const failure = verify.error instanceof ApiError && !verify.error.fieldErrors.code ? verify.error : null;
  return (
    <form noValidate onSubmit={confirm} className="grid gap-4">
      <ol className="grid list-decimal gap-2 pl-5 text-sm">
        <li>Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy…).</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-col items-start gap-4 sm:flex-row">
        {/* eslint-disable-next-line @next/next/no-img-element -- an SVG data URL, nothing for next/image to optimize */}
        <img src={enrollment.qrCode} alt="QR code for your authenticator app" width={180} height={180} className="rounded-md border bg-white" />
        <div className="grid min-w-0 gap-1 text-sm">
          <span className="text-muted-foreground">Cannot scan? Type this key into the app:</span>
          <code className="break-all rounded bg-muted px-2 py-1 font-mono" data-testid="totp-secret">
            {enrollment.secret}
          </code>
        </div>
      </div>
      <FormFailure error={failure} title="The code was not accepted" />
      <FormField
        id="code"
        name="code"
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        maxLength={7}
        required
        error={errors.code}
        className="max-w-40"
      />
      <div>
        <SubmitButton pending={verify.isPending} pendingLabel="Checking…">
          Turn on two-factor sign-in
        </SubmitButton>
      </div>
    </form>
  );
}
