import { refresh } from "@/server/auth/refresh";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

export const POST = route({ auth: "public" }, async ({ cookies, meta }) => {
  const claims = await refresh(cookies, meta);
  return { user: { id: claims.sub, email: claims.email }, expiresAt: new Date(Number(claims.exp) * 1000).toISOString() };
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
