import { route } from "@/server/http/route";
import { openApiDocument } from "@/server/openapi/openapi-document";

export const GET = route({ auth: "public" }, () => openApiDocument());
