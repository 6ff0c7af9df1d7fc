import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
} from "./chunk-3OP7IU76.mjs";
import "./chunk-GB2XVR7V.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  buildxStoreDir,
  builtWith,
  parseInstance,
  storedBuilderFacts
};
