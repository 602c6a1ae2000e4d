import { rateLimited } from "@/server/http/app-error";

/** The one answer while a user is locked out of second-factor checks. */
export const mfaLockedOut = (seconds: number) => rateLimited(seconds, "Too many wrong codes; try again later");
