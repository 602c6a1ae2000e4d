import { FormField, type FormFieldProps } from "@/components/form-field";

/** The sign-in email field: the browser's username autofill, no autocapitalize or spellcheck. */
export function EmailField(props: Partial<FormFieldProps> & { error?: FormFieldProps["error"] }) {
  return (
    <FormField
      id="email"
      name="email"
      type="email"
      label="Email"
      autoComplete="username"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      {...props}
    />
  );
}
