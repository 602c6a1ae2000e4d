/**
 * The least time Xero's limit allows for `calls` calls: Xero counts a call when it arrives, in a
 * sliding minute, so call k (from 0) cannot arrive before floor(k / perMinute) minutes, and the last
 * one not before floor((calls - 1) / perMinute) minutes. (ceil(calls / perMinute) minutes, used
 * before, overstates it by up to a minute: a limit-bound run could then score under 1.)
 */
export function limitMinimumMs(calls: number, perMinute: number, minuteMs: number): number {
  return Math.floor(Math.max(0, calls - 1) / perMinute) * minuteMs;
}
