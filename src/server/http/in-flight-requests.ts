const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let active = 0;

/**
 * Requests the route wrapper is answering right now, so a shutdown (SIGTERM) can let them finish
 * instead of cutting them off: it waits until none is running, then a moment for the last answer to
 * be written to its socket, or until `maxMs` has passed.
 */
export const inFlightRequests = {
  start(): void {
    active++;
  },
  end(): void {
    active--;
  },
  get count(): number {
    return active;
  },
  async drained(maxMs: number): Promise<void> {
    const until = Date.now() + maxMs;
    while (active > 0 && Date.now() < until) await sleep(50);
    await sleep(250);
  },
};
