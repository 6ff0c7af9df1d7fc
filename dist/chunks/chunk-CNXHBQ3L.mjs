import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  folderTrust
} from "./chunk-SOO7QRZ2.mjs";
import {
  TarType
} from "./chunk-CZKUM3XS.mjs";
import {
  sha256Hex
} from "./chunk-LMSPCY74.mjs";

// src/image/layer-summaries.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
var FORMAT = 2;
var TYPES = new Set(Object.values(TarType));
var MAX_STORED_BYTES = 64 * 1024;
var HEADER_FIELDS = 10;
var sha256 = (text) => sha256Hex(text);
function keyOf(layer, roots) {
  return sha256(JSON.stringify([FORMAT, layer.digest, layer.size, layer.mediaType, roots]));
}
function rowsOf(entries) {
  return entries.map(({ header: h, content }) => {
    const row = [h.name, h.linkname, h.size, h.type, h.mode, h.uid, h.gid, h.device, h.devmajor, h.devminor];
    if (!content) return row;
    const bytes = content.bytes && content.bytes.length <= MAX_STORED_BYTES ? content.bytes.toString("base64") : null;
    return [...row, content.ordinal, content.sha256 ?? null, bytes];
  });
}
var isCount = (n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
function entriesOf(rows) {
  const out = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== HEADER_FIELDS && row.length !== HEADER_FIELDS + 3) return void 0;
    const [name, linkname, size, type, mode, uid, gid, device, devmajor, devminor, ordinal, hash, bytes] = row;
    if (typeof name !== "string" || typeof linkname !== "string" || !isCount(size) || typeof type !== "string" || !TYPES.has(type)) return void 0;
    if (!isCount(mode) || mode > 4095 || !isCount(uid) || !isCount(gid) || typeof device !== "string" || !isCount(devmajor) || !isCount(devminor)) return void 0;
    const header = { name, linkname, size, type, mode, uid, gid, device, devmajor, devminor };
    if (row.length === HEADER_FIELDS) {
      if (type === TarType.file) return void 0;
      out.push({ header });
      continue;
    }
    if (type !== TarType.file || !isCount(ordinal) || !(hash === null || typeof hash === "string" && /^[0-9a-f]{64}$/.test(hash))) return void 0;
    if (!(bytes === null || typeof bytes === "string" && hash !== null)) return void 0;
    const kept = typeof bytes === "string" ? Buffer.from(bytes, "base64") : void 0;
    if (kept && (kept.length !== size || sha256Hex(kept) !== hash)) return void 0;
    out.push({ header, content: { size, ordinal, layer: -1, ...typeof hash === "string" ? { sha256: hash } : {}, ...kept ? { bytes: kept } : {} } });
  }
  return out;
}
function layerSummaries(dir, onIgnored = () => void 0) {
  const private_ = async () => {
    const trust = await folderTrust(dir);
    if (trust === "foreign") onIgnored(`layer summaries in ${dir} ignored: the folder is not a folder only this user may write to; reading every layer`);
    return trust === "private";
  };
  let trusted;
  return {
    async get(layer, roots) {
      if (!await (trusted ??= private_())) return void 0;
      const file = join(dir, `${keyOf(layer, roots)}.json`);
      const text = await readFile(file, "utf8").catch(() => void 0);
      if (text === void 0) return void 0;
      const ignore = (why) => {
        onIgnored(`layer summary ${file} for ${layer.digest} ignored: ${why}; reading the layer`);
        return void 0;
      };
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        return ignore("not JSON");
      }
      const body = parsed.body;
      if (!body || typeof parsed.check !== "string" || parsed.check !== sha256(JSON.stringify(body))) return ignore("its checksum does not hold");
      if (body.format !== FORMAT || body.digest !== layer.digest || body.size !== layer.size || body.mediaType !== layer.mediaType || JSON.stringify(body.roots) !== JSON.stringify(roots)) {
        return ignore("it summarizes another layer or other folders");
      }
      const entries = Array.isArray(body.rows) ? entriesOf(body.rows) : void 0;
      return entries ?? ignore("an entry is malformed");
    },
    async put(layer, roots, entries) {
      const body = { format: FORMAT, digest: layer.digest, size: layer.size, mediaType: layer.mediaType, roots: [...roots], rows: rowsOf(entries) };
      const file = join(dir, `${keyOf(layer, roots)}.json`);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(dir, { recursive: true, mode: 448 });
        await writeFile(temp, JSON.stringify({ body, check: sha256(JSON.stringify(body)) }), { mode: 384 });
        await rename(temp, file);
      } catch (error) {
        onIgnored(`cannot keep a summary of ${layer.digest} in ${dir}: ${error.message}`);
      }
    }
  };
}

export {
  layerSummaries
};
