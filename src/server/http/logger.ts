import pino from "pino";
import { config } from "@/server/config";

/**
 * JSON logs on stdout. Anything that could carry a secret is redacted by path, wherever it sits,
 * so a careless `log.info({ body })` cannot leak a password or a token.
 */
export const logger = pino({
  level: config().LOG_LEVEL,
  base: { service: "xeropulse" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "password", "*.password", "*.*.password", "newPassword", "*.newPassword", "currentPassword", "*.currentPassword",
      "token", "*.token", "*.*.token", "accessToken", "*.accessToken", "refreshToken", "*.refreshToken",
      "access_token", "*.access_token", "refresh_token", "*.refresh_token",
      "authorization", "*.authorization", "*.headers.authorization", "cookie", "*.cookie", "*.headers.cookie",
      "secret", "*.secret", "apiKey", "*.apiKey",
    ],
    censor: "[redacted]",
  },
});
