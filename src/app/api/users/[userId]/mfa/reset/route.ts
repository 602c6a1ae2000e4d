import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { resetMemberFactors } from "@/server/mfa/reset-member-factors";
import { userIdParams } from "@/lib/admin-schemas";

/** Removes a member's authenticators (rank rules, audited); they enroll again. */
export const POST = route({ auth: "user", permission: "members.manage", params: userIdParams }, async ({ db, org, params }) => {
  await resetMemberFactors(db, org.id, params.userId);
  return null;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
