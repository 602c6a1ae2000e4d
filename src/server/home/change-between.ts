/** The relative change from `previous` to `value`; null when there is nothing to compare with. */
export function changeBetween(value: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 1000) / 1000;
}
