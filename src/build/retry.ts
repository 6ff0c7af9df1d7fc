// The project's one retry policy for registry writes and docker steps. Pushes are idempotent,
// and registries fail them transiently: Docker's registry 2.8 answers a HEAD with 500 while the
// same tag is being written by concurrent per-platform uploads. So a push (or a registry
// request that got no answer or a 5xx) is tried again before the run is failed.

export interface RetryOptions {
  readonly attempts: number;
  readonly delayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each new attempt with the error that ended the previous one. */
  readonly onRetry?: (error: unknown, attempt: number) => void;
  /** Which errors are worth another attempt (default: every error). */
  readonly retryable?: (error: unknown) => boolean;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function retrying<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= options.attempts || options.retryable?.(error) === false) throw error;
      options.onRetry?.(error, attempt + 1);
      await (options.sleep ?? pause)(options.delayMs * attempt);
    }
  }
}
