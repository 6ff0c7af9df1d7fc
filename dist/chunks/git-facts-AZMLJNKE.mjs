import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  repositoryRoot
} from "./chunk-UF3L456L.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  repositoryRoot
};
