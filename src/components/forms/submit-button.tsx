import { Button, type ButtonProps } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** A form's submit button: disabled with a spinner and `pendingLabel` while the request runs. */
export function SubmitButton({ pending, pendingLabel, children, ...props }: Omit<ButtonProps, "type"> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending} {...props}>
      {pending ? <Spinner label="" /> : null}
      {pending ? pendingLabel : children}
    </Button>
  );
}
