import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { openApiDocument } from "@/server/openapi/openapi-document";

export const GET = route({ auth: "public" }, () => openApiDocument());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
