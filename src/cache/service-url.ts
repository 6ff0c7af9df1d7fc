// Whether a cache service can be there at all. @actions/cache needs ACTIONS_CACHE_URL (service
// v1, GHES) or ACTIONS_RESULTS_URL (v2) in every configuration; with neither there is nothing to
// ask, so the adapter says so without loading the client (it is the heaviest module we ship:
// not evaluating it keeps warm runs and runs outside Actions fast). With one of them set, the
// client's own isFeatureAvailable() has the last word.
export function mayHaveCacheService(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env['ACTIONS_CACHE_URL']?.trim() || env['ACTIONS_RESULTS_URL']?.trim());
}
