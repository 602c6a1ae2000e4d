import { NextResponse } from "next/server";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { receiveXeroWebhook } from "@/server/sync/receive-xero-webhook";
import { verifyXeroWebhook } from "@/server/sync/verify-xero-webhook";

// No session: the signature over the raw bytes is the authentication. Xero requires an empty 200.
export const POST = route(
  { auth: "webhook", verify: (req, _rawBody, rawBytes) => verifyXeroWebhook(rawBytes, req.headers.get("x-xero-signature")) },
  async ({ rawBody, meta }) => {
    await receiveXeroWebhook(rawBody, meta);
    return new NextResponse(null, { status: 200 });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
