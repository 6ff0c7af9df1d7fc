// `node --import` this file (NODE_OPTIONS=--import=…) to record what a run of the bundled action
// loads and does, written as JSON to $LOAD_TRACE_OUT when the process exits:
//   modules:  every module file the ESM loader loaded (a synchronous in-thread load hook,
//             module.registerHooks, Node ≥ 22.15 / 23.5);
//   builtins: the Node built-ins the process loaded (process.moduleLoadList);
//   rchar:    bytes the process read through read(2) and friends (/proc/self/io);
//   appends:  the path of every append or write-open through node:fs (sync, callback and
//             promise forms), patched before the action loads (syncBuiltinESMExports makes
//             named ESM imports see the patched functions too).
// Plain JS: it runs before anything else, in the action's own process.
import { readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import * as module from 'node:module';

const out = process.env['LOAD_TRACE_OUT'];
if (!out) throw new Error('load-trace: set LOAD_TRACE_OUT to the file to write');
if (typeof module.registerHooks !== 'function') throw new Error(`load-trace: module.registerHooks is missing in Node ${process.version} (needs ≥ 22.15)`);

const modules = [];
module.registerHooks({
  load(url, context, next) {
    modules.push(url);
    return next(url, context);
  },
});

const appends = [];
const record = (path, flags) => {
  if (typeof flags === 'string' && /[aw+]/.test(flags)) appends.push(String(path));
};
// One record per call made by the action: calls node:fs makes inside another (appendFileSync
// goes through writeFileSync and openSync) are not counted again.
let depth = 0;
const wrap = (target, name, flagsOf) => {
  const original = target[name];
  target[name] = function (...args) {
    if (depth === 0) record(args[0], flagsOf(args));
    depth++;
    try {
      return original.apply(this, args);
    } finally {
      depth--;
    }
  };
};
const optionFlag = (options, fallback) => (typeof options === 'string' ? fallback : (options?.flag ?? fallback));
wrap(fs, 'appendFileSync', (a) => optionFlag(a[2], 'a'));
wrap(fs, 'appendFile', (a) => optionFlag(a[2], 'a'));
wrap(fs, 'writeFileSync', (a) => optionFlag(a[2], 'w'));
wrap(fs, 'writeFile', (a) => optionFlag(a[2], 'w'));
wrap(fs, 'openSync', (a) => (typeof a[1] === 'string' ? a[1] : 'r'));
wrap(fs, 'open', (a) => (typeof a[1] === 'string' ? a[1] : 'r'));
wrap(fs.promises, 'appendFile', (a) => optionFlag(a[2], 'a'));
wrap(fs.promises, 'writeFile', (a) => optionFlag(a[2], 'w'));
wrap(fs.promises, 'open', (a) => (typeof a[1] === 'string' ? a[1] : 'r'));
module.syncBuiltinESMExports();

process.on('exit', () => {
  const io = readFileSync('/proc/self/io', 'utf8');
  const rchar = Number(/^rchar:\s*(\d+)/m.exec(io)?.[1] ?? NaN);
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeFileSync(out, JSON.stringify({ modules, builtins, rchar, appends }));
});
