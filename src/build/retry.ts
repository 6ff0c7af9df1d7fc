// Pushes are idempotent, and registries fail them transiently: Docker's registry 2.8 answers a
// HEAD with 500 while the same tag is being written by the engine's concurrent per-platform
// uploads (seen here with `docker push` of a multi-platform image). So a push is tried again
// before the build is failed; other steps are not.

export interface RetryOptions {
  readonly attempts: number;
  readonly delayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each new attempt with the error that ended the previous one. */
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function retrying<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= options.attempts) throw error;
      options.onRetry?.(error, attempt + 1);
      await (options.sleep ?? pause)(options.delayMs * attempt);
    }
  }
}
