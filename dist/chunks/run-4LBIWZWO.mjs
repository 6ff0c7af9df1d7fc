import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-QQ6G62PX.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  runDocker
};
