import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  AttemptFailure,
  failureOf,
  isRetryable,
  summarize
} from "./chunk-7HVEVYV4.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  AttemptFailure,
  failureOf,
  isRetryable,
  summarize
};
