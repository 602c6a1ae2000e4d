import { z } from "zod";
import { ERROR_STATUS } from "@/lib/error-codes";
import { API_OPERATIONS, type ApiOperation } from "./api-operations";

/** Who may call an operation, as OpenAPI says it (an empty requirement: anybody). */
const SECURITY: Record<ApiOperation["auth"], Record<string, string[]>[]> = {
  user: [{ cookieAuth: [] }, { bearerAuth: [] }],
  optional: [{}, { cookieAuth: [] }, { bearerAuth: [] }],
  operator: [{ operatorToken: [] }, { cookieAuth: [] }, { bearerAuth: [] }],
  public: [],
  webhook: [],
  job: [],
};

const errorBody = {
  type: "object",
  required: ["error", "code", "timestamp", "requestId"],
  properties: {
    error: { type: "string", description: "A message a person can act on" },
    code: { type: "string", enum: Object.keys(ERROR_STATUS) },
    timestamp: { type: "string", format: "date-time" },
    requestId: { type: "string" },
    details: { description: "Per-field messages for VALIDATION_FAILED; otherwise context" },
  },
};

/** OpenAPI 3.1 generated from the operations' zod schemas (zod's own JSON Schema output). */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const parameters = [
      ...(op.org || op.permission
        ? [{ name: "X-Org-Id", in: "header", required: false, description: "Organization id or slug; optional when you belong to one", schema: { type: "string" } }]
        : []),
      ...(op.query
        ? Object.entries((z.toJSONSchema(op.query, { io: "input" }) as { properties?: Record<string, unknown> }).properties ?? {}).map(
            ([name, schema]) => ({ name, in: "query", schema }),
          )
        : []),
    ];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      security: SECURITY[op.auth],
      ...(op.permission ? { "x-permission": op.permission } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(op.body, { io: "input", unrepresentable: "any" }) } } } }
        : {}),
      ...(op.form
        ? { requestBody: { required: true, content: { "multipart/form-data": { schema: z.toJSONSchema(op.form, { io: "input", unrepresentable: "any" }) } } } }
        : {}),
      responses: {
        ...Object.fromEntries(Object.entries(op.responses).map(([status, description]) => [status, { description }])),
        default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "XeroPulse API", version: "1.0.0", description: "Errors always use the Error shape; codes and statuses are a closed list." },
    paths,
    components: {
      schemas: { Error: errorBody },
      securitySchemes: {
        cookieAuth: { type: "apiKey", in: "cookie", name: "xp-access-token" },
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        operatorToken: { type: "apiKey", in: "header", name: "X-Operator-Token" },
      },
    },
  };
}
