// `mirror`: the base URL downloads come from. The canonical path is appended to it, so
// `https://m.example/openai` serves `https://m.example/openai/encodings/cl100k_base.tiktoken`.
// The cache name always stays sha1(canonical URL), whichever host served the bytes.
import { InputError } from '../errors.js';
import { CANONICAL_ORIGIN } from '../pins.js';
import { redactUrl } from '../proxy/redact.js';

function bad(raw: string, why: string): InputError {
  return new InputError('mirror', {
    got: `${JSON.stringify(redactUrl(raw.trim()))} (${why})`,
    expected: 'an http:// or https:// base URL without ?query or #fragment, e.g. https://mirror.example/openai',
    fix: `set mirror to the URL the upstream paths live under, or leave it empty for ${CANONICAL_ORIGIN}`,
  });
}

/** The mirror base without a trailing slash; the canonical origin when `raw` is empty. */
export function parseMirror(raw: string): string {
  const value = raw.trim();
  if (value === '') return CANONICAL_ORIGIN;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(value, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(value, `scheme ${url.protocol} is not http or https`);
  if (url.search !== '' || url.hash !== '') throw bad(value, 'has a query or fragment');
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString().replace(/\/+$/, '');
}

/** Where to download the file whose canonical URL is `url`. URLs on other hosts are used as is. */
export function downloadUrl(mirror: string, url: string): string {
  return url.startsWith(`${CANONICAL_ORIGIN}/`) ? `${mirror}${url.slice(CANONICAL_ORIGIN.length)}` : url;
}
