// The parsers only a build needs, behind one lazy import (plan.ts): one chunk, not eight.
export * from './annotations.js';
export * from './build-flags.js';
export * from './dockerfile-from.js';
export * from './engine-input.js';
export * from './platforms.js';
export * from './engine-facts.js';
export * from './builder-store.js';
export * from './options.js';
