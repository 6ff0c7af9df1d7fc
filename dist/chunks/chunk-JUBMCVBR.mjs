import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";
import {
  IntegrityError
} from "./chunk-SENFWAUD.mjs";

// src/encoders/check-pin.ts
var MAX_UNPINNED_BYTES = 64 * 1024 * 1024;
function readLimit(pin) {
  return pin.size ?? MAX_UNPINNED_BYTES;
}
function describeBytes(sha256, size) {
  const hash = sha256 === "" ? "not hashed (larger than the limit)" : `sha256 ${sha256}`;
  return size === void 0 ? hash : `${hash}, ${size} bytes`;
}
function checkPin(pin, actual, from) {
  const sizeOk = pin.size === void 0 || pin.size === actual.size;
  if (sizeOk && pin.sha256 === actual.sha256.toLowerCase()) return void 0;
  const encodings = pin.encodings.filter((name) => name !== pin.id);
  const label = encodings.length > 0 ? `${pin.id} (${encodings.join(", ")})` : pin.id;
  const source = from !== void 0 && from !== pin.url ? ` from ${redactUrl(from)}` : "";
  return new IntegrityError({
    what: `encoder file ${label}, ${redactUrl(pin.url)}${source}: the bytes do not match the pin`,
    got: describeBytes(actual.sha256, actual.size),
    expected: describeBytes(pin.sha256, pin.size),
    fix: "the file was not kept. If it came from a mirror, proxy or local source, replace it with the upstream file; if upstream changed, review the new file and update the pin in src/pins.ts (or the sha256 in extra-encoders)"
  });
}

export {
  MAX_UNPINNED_BYTES,
  readLimit,
  checkPin
};
