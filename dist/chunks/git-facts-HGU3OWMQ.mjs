import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  EVERY_GIT_FACT,
  checkoutRoot,
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  workflowGitFacts
} from "./chunk-JAI6OR3G.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  EVERY_GIT_FACT,
  checkoutRoot,
  gitFacts,
  gitFactsDir,
  repositoryFacts,
  workflowGitFacts
};
