import { config } from "@/server/config";

/** Whether a model is configured on the server (AI_BASE_URL and AI_MODEL). */
export function modelConfigured(): boolean {
  const env = config();
  return Boolean(env.AI_BASE_URL && env.AI_MODEL);
}
