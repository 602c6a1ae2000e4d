import { z } from "zod";

export type FieldErrors<K extends string = string> = Partial<Record<K, string[]>>;

/** A zod failure as `{ field: [messages] }`, the same shape the API sends in VALIDATION_FAILED details. */
export function zodFieldErrors<K extends string>(error: z.ZodError): FieldErrors<K> {
  return z.flattenError(error).fieldErrors as FieldErrors<K>;
}

/** Moves keyboard and screen-reader focus to the first field that has an error, in form order. */
export function focusFirstInvalid(form: HTMLFormElement | null, errors: FieldErrors): void {
  if (!form) return;
  for (const element of Array.from(form.elements)) {
    const isField = element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;
    if (isField && errors[element.name]?.length) {
      element.focus();
      return;
    }
  }
}
