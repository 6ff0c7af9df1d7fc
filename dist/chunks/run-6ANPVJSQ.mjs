import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-5OAVNDHC.mjs";
import "./chunk-H7YIB6DC.mjs";
import "./chunk-UI6KUO64.mjs";
import "./chunk-HPCM2IMK.mjs";
export {
  runDocker
};
