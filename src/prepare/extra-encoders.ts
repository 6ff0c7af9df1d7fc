// `extra-encoders`: one `name url sha256` per line. Pure; each error names the line and the fix.
import { InputError } from '../errors.js';
import type { ExtraEncoder } from '../encoders/selection.js';
import { parseLines } from '../inputs/scalars.js';
import { PINNED_FILES, canonicalUrl } from '../pins.js';
import { redactUrl } from '../proxy/redact.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const PINNED_URLS = new Set(Object.values(PINNED_FILES).map((pin) => canonicalUrl(pin)));
const FORMAT = 'one "name url sha256" per line, e.g. my_base https://example.com/my_base.tiktoken <64 hex digits>';

function bad(got: string, expected: string, fix: string): InputError {
  return new InputError('extra-encoders', { got, expected, fix });
}

function parseLine(line: string): ExtraEncoder {
  const fields = line.split(/\s+/);
  const [name = '', url = '', sha256 = ''] = fields;
  const shown = JSON.stringify(fields.map((field) => redactUrl(field)).join(' '));
  if (fields.length !== 3) throw bad(shown, FORMAT, 'write each extra file as three fields separated by spaces');
  if (!NAME.test(name) || name.includes('..')) {
    throw bad(
      `name ${JSON.stringify(name)} in ${shown}`,
      'a plain file name: letters, digits, ".", "_" or "-", without "/", ".." or spaces',
      'rename the entry; the name is only a label and the file is cached under sha1(url)',
    );
  }
  if (Object.hasOwn(PINNED_FILES, name)) {
    throw bad(`name ${JSON.stringify(name)}`, 'a name that is not a pinned file id', `choose another name; ${name} is built in`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(`url ${JSON.stringify(redactUrl(url))} in ${shown}`, 'an absolute http:// or https:// URL', 'write the full URL tiktoken loads the file from');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw bad(`url ${JSON.stringify(redactUrl(url))}`, 'an http:// or https:// URL', 'use the http(s) URL tiktoken loads the file from');
  }
  if (PINNED_URLS.has(url)) {
    throw bad(`url ${url}`, 'a URL that is not already pinned', 'drop the line and add the encoding to `encoders` instead');
  }
  if (!SHA256.test(sha256)) {
    throw bad(
      `sha256 ${JSON.stringify(sha256)} for ${name}`,
      'the file\'s sha256: 64 hexadecimal digits',
      `compute it from a trusted copy (sha256sum ${name}) and put it as the third field`,
    );
  }
  return { name, url, sha256: sha256.toLowerCase() };
}

export function parseExtraEncoders(raw: string): ExtraEncoder[] {
  const extras = parseLines(raw).map(parseLine);
  const seen = new Set<string>();
  for (const extra of extras) {
    for (const key of [`name ${extra.name}`, `url ${extra.url}`]) {
      if (seen.has(key)) throw bad(`${key} twice`, 'each name and url once', 'remove the duplicate line');
      seen.add(key);
    }
  }
  return extras;
}
