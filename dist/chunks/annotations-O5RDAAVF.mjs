import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ANNOTATION_LEVELS,
  annotationArgs,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations
} from "./chunk-3BYEKZ6U.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  ANNOTATION_LEVELS,
  annotationArgs,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations
};
