import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { deleteAccount } from "@/server/onboarding/delete-account";
import { getProfile } from "@/server/orgs/get-profile";
import { deleteAccountBody } from "@/lib/onboarding-schemas";

export const GET = route({ auth: "user", mfa: "challenge" }, ({ db }) => db(getProfile));

/** Deletes the caller's own account (`confirm`: their email); 409 while they are the last admin of an organization. */
export const DELETE = route({ auth: "user", body: deleteAccountBody }, async ({ claims, body, cookies, meta }) => {
  await deleteAccount(claims, body.confirm, cookies, meta);
  return null;
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
