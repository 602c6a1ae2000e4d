import { login } from "@/server/auth/auth-service";
import { route } from "@/server/http/route";
import { loginSchema } from "@/lib/auth-schemas";

export const POST = route({ auth: "public", body: loginSchema }, ({ body, cookies, meta }) => login(cookies, body, meta));
