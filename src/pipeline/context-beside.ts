// A buildx build's context, staged beside prepare: as soon as prepare has the bytes of every
// file (tool cache, Actions cache, download or local source), they are copied into the build's
// context, each checked against its pin on the way, while prepare writes and flushes cache-dir.
// buildx can then start before cache-dir is done; nothing is tagged before prepare finished too
// and both wrote the same manifest.json (pipeline.ts). A staging that fails for any reason (a
// tool-cache entry that misses its pin, which prepare then evicts and fetches again) is
// dropped: the context is then staged from cache-dir after prepare, as before.
// Prepare's lines are held while buildx runs and shown after the build's section.
import { join } from 'node:path';
import { BuildError } from '../errors.js';
import type { AcquiredBytes, StagedContext } from '../build/stage-cache.js';
import { serializeManifest } from '../encoders/manifest.js';
import { heldLogger, type HeldLogger } from '../log/held-logger.js';
import type { Logger } from '../log/logger.js';
import type { PrepareResult } from '../prepare/result.js';

export interface ContextBeside {
  /** The logger prepare writes to: held while the build runs. */
  readonly log: HeldLogger;
  /** prepare's onAcquired: stages the context from the bytes acquired. */
  readonly onAcquired: (acquired: readonly AcquiredBytes[]) => Promise<unknown>;
  /** Settles when the build starts beside prepare (prepare's log section ends there). */
  readonly started: Promise<void>;
  /** The staged context, or undefined once prepare settled without one. */
  ready(preparing: Promise<PrepareResult>): Promise<StagedContext | undefined>;
  /** Holds prepare's lines from now on (the build starts). */
  hold(): void;
}

export function contextBeside(buildDir: string, shape: { readonly overlay: boolean; readonly cachePath: string }, log: Logger): ContextBeside {
  const held = heldLogger(log);
  let settle: (context: StagedContext | undefined) => void = () => undefined;
  const context = new Promise<StagedContext | undefined>((resolve) => (settle = resolve));
  let start: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (start = resolve));
  return {
    log: held,
    started,
    onAcquired: async (acquired) => {
      const staged = await import('./buildx-modules.js')
        .then(({ stageSources, contextLayout }) => {
          const { name, layout } = contextLayout(shape.overlay, shape.cachePath);
          return stageSources(acquired, join(buildDir, name), layout);
        })
        .catch((error: unknown) => {
          log.debug(`the build context is staged from cache-dir after prepare: staging it from the acquired bytes failed (${error instanceof Error ? error.message : String(error)})`);
          return undefined;
        });
      settle(staged);
    },
    // prepare awaits its onAcquired before it settles: a context staged is known by then.
    ready: (preparing) => {
      preparing.then(
        () => settle(undefined),
        () => settle(undefined),
      );
      return context;
    },
    hold: () => {
      held.hold();
      start();
    },
  };
}

/** Prepare's lines held while the build ran, shown after it in a section of their own. */
export async function showHeld(beside: ContextBeside, log: Logger): Promise<void> {
  if (beside.log.heldCount() === 0) beside.log.release();
  else await log.group('Prepare: the rest, finished beside the build', async () => beside.log.release());
}

/** The context the build used and cache-dir must say the same: else nothing is tagged. */
export function checkSameManifest(staged: StagedContext, prepared: PrepareResult): void {
  const built = serializeManifest(staged.manifest);
  const kept = serializeManifest(prepared.manifest);
  if (built === kept) return;
  throw new BuildError({
    what: `the build context's manifest.json and cache-dir's (${prepared.manifestPath}) differ; nothing was tagged`,
    got: built,
    expected: kept,
    fix: 'run again; report this if it happens twice',
  });
}
