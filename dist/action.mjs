import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/action/run.ts
async function runAction() {
  throw new Error("not wired yet");
}

// src/entries/action.ts
await runAction();
