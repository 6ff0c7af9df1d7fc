import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
} from "./chunk-HLATORIL.mjs";
import "./chunk-T2CF745Z.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
};
