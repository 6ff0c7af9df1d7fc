import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_undici
} from "./chunk-3VB7TLJS.mjs";
import "./chunk-JVZTSKKL.mjs";
export default require_undici();
