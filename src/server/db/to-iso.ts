/** A timestamp read from either engine (a Date, or text) as the ISO string the wire contracts carry. */
export function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}
