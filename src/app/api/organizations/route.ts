import { otherMethods } from "@/server/http/other-methods";
import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { createMyOrganization } from "@/server/orgs/create-my-organization";
import { createOrganizationBody } from "@/lib/organization-schemas";

/** A new organization, administered by the caller (ORG_CREATION=any); a taken slug is 409 with a suggestion. */
export const POST = route({ auth: "user", body: createOrganizationBody }, async ({ db, body }) =>
  NextResponse.json(await createMyOrganization(db, body), { status: 201 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
