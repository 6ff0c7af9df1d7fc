import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/oci/platform.ts
function platformName(platform) {
  if (!platform) return "unknown/unknown";
  return [platform.os ?? "unknown", platform.architecture ?? "unknown", platform.variant].filter((p) => p !== void 0 && p !== "").join("/");
}
function parsePlatformName(name) {
  const parts = name.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) return void 0;
  const [os = "", architecture = "", variant] = parts;
  return { os, architecture, ...variant !== void 0 ? { variant } : {} };
}
function configPlatform(config) {
  const os = typeof config.os === "string" ? config.os : "";
  const architecture = typeof config.architecture === "string" ? config.architecture : "";
  if (!os || !architecture) return void 0;
  return { os, architecture, ...typeof config.variant === "string" && config.variant !== "" ? { variant: config.variant } : {} };
}
var DEFAULT_VARIANT = { arm64: "v8", amd64: "v1" };
function canonicalPlatform(name) {
  const parsed = parsePlatformName(name);
  if (!parsed || parsed.variant === void 0 || DEFAULT_VARIANT[parsed.architecture] !== parsed.variant) return name;
  return `${parsed.os}/${parsed.architecture}`;
}
function samePlatform(wanted, platform) {
  return canonicalPlatform(wanted) === canonicalPlatform(platformName(platform));
}
function missingPlatforms(requested, available) {
  const have = new Set(available.map(canonicalPlatform));
  return requested.filter((p) => !have.has(canonicalPlatform(p)));
}

export {
  platformName,
  configPlatform,
  samePlatform,
  missingPlatforms
};
