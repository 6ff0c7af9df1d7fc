import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ANNOTATION_LEVELS,
  annotationArgs,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations
} from "./chunk-LLVAWVZY.mjs";
import "./chunk-QE6PONKV.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  ANNOTATION_LEVELS,
  annotationArgs,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations
};
