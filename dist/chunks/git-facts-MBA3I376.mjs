import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  repositoryRoot
} from "./chunk-YBPS3DKT.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  repositoryRoot
};
