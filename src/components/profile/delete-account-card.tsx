"use client";
import { text } from "@/lib/text-schema";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { FormFailure } from "@/components/forms/form-failure";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { FormField } from "@/components/form-field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { apiFetch } from "@/lib/api-client";

/** Deleting one's own account, confirmed by typing the email; refused while the last admin of an organization. */
export function DeleteAccountCard({ email }: { email: string }) {
  const router = useRouter();
  const schema = z.object({
    confirm: text().trim().refine((v) => v.toLowerCase() === email.toLowerCase(), "Type your email address exactly as shown to confirm"),
  });
  const { formRef, fieldErrors, mutation, onSubmit, failure } = useApiForm({
    schema,
    fields: ["confirm"],
    read: (data) => ({ confirm: data.get("confirm") }),
    submit: (input) => apiFetch("/api/me", { method: "DELETE", body: input }),
    onSuccess: () => {
      router.replace("/login?account=deleted");
      router.refresh();
    },
  });
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <Card className="border-destructive/50">
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-destructive">Delete your account</h2>
        </CardTitle>
        <CardDescription>
          You leave every organization and can no longer log in; this cannot be undone. If you are the last admin of an organization, make
          someone else an admin there, or delete the organization, first.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} noValidate onSubmit={onSubmit} className="grid max-w-sm gap-4" aria-label="Delete your account">
          <FormFailure error={failure} title={(e) => (e.code === "CONFLICT" ? "You are still needed as an admin" : "Your account was not deleted")} />
          <FormField
            id="confirm-account"
            name="confirm"
            label={
              <>
                Type <strong className="break-all">{email}</strong> to confirm
              </>
            }
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={fieldErrors.confirm}
          />
          <div>
            <SubmitButton variant="destructive" pending={busy} pendingLabel="Deleting…">
              Delete my account
            </SubmitButton>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
