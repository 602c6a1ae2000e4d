"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import type { z, ZodType } from "zod";

import { focusFirstInvalid, zodFieldErrors, type FieldErrors } from "@/components/auth/field-errors";
import { ApiError } from "@/lib/api-client";

export interface ApiFormOptions<S extends ZodType, R> {
  schema: S;
  /** The fields this form shows errors at; VALIDATION_FAILED details on other fields go to the failure alert. */
  fields: readonly string[];
  /** Reads the form's values (FormData → the schema's input). */
  read: (data: FormData) => unknown;
  submit: (values: z.output<S>) => Promise<R>;
  onSuccess?: (result: R, values: z.output<S>) => void;
  /** Clears the inputs after a success (e.g. password forms). */
  resetOnSuccess?: boolean;
}

/**
 * The one form pattern: parse with zod in the browser → errors next to their fields → a TanStack
 * mutation → VALIDATION_FAILED details from the API back into field errors → focus on the first
 * invalid field. Anything that is not about a shown field becomes `failure`, for a FormFailure alert.
 */
export function useApiForm<S extends ZodType, R>(options: ApiFormOptions<S, R>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const mutation = useMutation({
    mutationFn: (values: z.output<S>) => options.submit(values),
    onSuccess: (result, values) => {
      if (options.resetOnSuccess) formRef.current?.reset();
      options.onSuccess?.(result, values);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "VALIDATION_FAILED") {
        setFieldErrors(error.fieldErrors);
        focusFirstInvalid(formRef.current, error.fieldErrors);
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = options.schema.safeParse(options.read(new FormData(event.currentTarget)));
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error);
      setFieldErrors(errors);
      mutation.reset();
      focusFirstInvalid(formRef.current, errors);
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data);
  }

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const failure =
    error && (error.code !== "VALIDATION_FAILED" || !Object.keys(error.fieldErrors).some((k) => options.fields.includes(k))) ? error : null;

  return { formRef, fieldErrors, setFieldErrors, mutation, onSubmit, failure };
}
