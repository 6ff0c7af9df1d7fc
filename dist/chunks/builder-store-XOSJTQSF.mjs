import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
} from "./chunk-MI5XA3IL.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
};
