// What a buildx build loads once its inputs are valid, behind one lazy import: the bundle then
// holds them in a chunk or two instead of some thirty, which a build pays for in module loading
// on the runner's main thread before buildx can start (a warm prepare never loads them).
export { build } from '../build/build.js';
export { openLayoutRun } from '../build/layout-pool.js';
export { buildxBinary } from '../build/buildx-binary.js';
export { contextLayout, stageSources } from '../build/stage-cache.js';
export { assertPublished, plannedTags, publish, tagInRegistry } from '../build/publish.js';
