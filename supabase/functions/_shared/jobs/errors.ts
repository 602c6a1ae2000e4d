/** An enqueue the queue refuses: unknown kind or a payload that fails its schema (nothing is written). */
export class InvalidJobError extends Error {
  constructor(message: string, readonly details?: Record<string, string[]>) {
    super(message);
    this.name = "InvalidJobError";
  }
}

/** Thrown by job code for a failure retrying cannot fix: the job goes straight to `failed`. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** The job stops at a batch boundary: cancelled, its lease lost, or its worker shutting down. */
export class JobStopped extends Error {
  constructor(readonly reason: "cancelled" | "lease_lost" | "shutdown") {
    super(`job stopped: ${reason}`);
    this.name = "JobStopped";
  }
}
