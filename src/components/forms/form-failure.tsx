import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ApiError } from "@/lib/api-client";

/** The alert above a form when the API refused it for a reason that is not about one field. */
export function FormFailure({
  error,
  title,
  describe,
}: {
  error: ApiError | null;
  title: string | ((error: ApiError) => string);
  /** A better sentence for some errors (undefined: the API's message). */
  describe?: (error: ApiError) => string | undefined;
}) {
  if (!error) return null;
  const message = describe?.(error) ?? (error.status === 401 ? "Your session has ended. Log in again, then retry." : error.message);
  return (
    <Alert variant="destructive">
      <AlertTitle>{typeof title === "function" ? title(error) : title}</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
