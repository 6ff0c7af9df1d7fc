// What the runner's ACTIONS_CACHE_MODE allows, read the way @actions/cache 6.3 reads it
// (lib/internal/config.js): `read`, `write`, `write-only`, `none`; unset or unknown is
// permissive. Knowing it up front lets us say so plainly instead of a silent miss.

export interface CacheAccess {
  readonly read: boolean;
  readonly write: boolean;
}

const KNOWN: Readonly<Record<string, CacheAccess>> = {
  none: { read: false, write: false },
  read: { read: true, write: false },
  write: { read: true, write: true },
  'write-only': { read: false, write: true },
};

export function cacheModeAccess(mode: string | undefined): CacheAccess {
  const normalized = (mode ?? '').trim().toLowerCase();
  return Object.hasOwn(KNOWN, normalized) ? KNOWN[normalized]! : { read: true, write: true };
}
