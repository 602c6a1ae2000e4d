/** A token the API would reject on its shape alone (lib/auth-schemas): no point showing the form. */
export function isPlausibleResetToken(token: string | undefined): token is string {
  return typeof token === "string" && token.length >= 16 && token.length <= 256;
}
