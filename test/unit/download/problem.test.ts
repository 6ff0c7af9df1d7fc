import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/download/failure.js';
import { downloadProblem } from '../../../src/download/problem.js';
import { describe as describeProblem } from '../../../src/errors.js';

const HTTPS = 'https://user:hunter2@mirror.example/openai/encodings/cl100k_base.tiktoken';
const HTTP = 'http://mirror.example:8080/encodings/cl100k_base.tiktoken';

function text(url: string, failure: Failure, attempts = 1, maxAttempts = 4): string {
  return describeProblem(downloadProblem({ label: 'cl100k_base', url, attempts, maxAttempts }, failure));
}

describe('downloadProblem', () => {
  it.each<[string, string, Failure, number, string[]]>([
    ['404 names the path and the layout', HTTPS, { kind: 'status', status: 404, from: 'server' }, 1, [
      'download of cl100k_base from https://***@mirror.example/openai/encodings/cl100k_base.tiktoken failed after 1 attempt (of 4 allowed)',
      'got:      HTTP 404',
      'expected: HTTP 200 with the complete file',
      'the mirror does not serve /openai/encodings/cl100k_base.tiktoken; check that `mirror` keeps the upstream path layout',
    ]],
    ['407 on https points at https-proxy', HTTPS, { kind: 'status', status: 407, from: 'proxy' }, 1, [
      'the proxy answered HTTP 407 to CONNECT',
      'the proxy rejected the credentials; check the user and password in https-proxy (or the runner\'s HTTPS_PROXY)',
    ]],
    ['407 on http points at http-proxy', HTTP, { kind: 'status', status: 407, from: 'server' }, 1, [
      'got:      HTTP 407',
      'check the user and password in http-proxy (or the runner\'s HTTP_PROXY)',
    ]],
    ['proxy 401 to CONNECT (old tinyproxy) is a credential problem too', HTTPS, { kind: 'status', status: 401, from: 'proxy' }, 1, [
      'the proxy answered HTTP 401 to CONNECT',
      'the proxy rejected the credentials; check the user and password in https-proxy',
    ]],
    ['proxy 403 names the host and port', HTTP, { kind: 'status', status: 403, from: 'proxy' }, 1, [
      'the proxy refused to connect to mirror.example:8080',
      'no-proxy',
    ]],
    ['proxy 502', HTTP, { kind: 'status', status: 502, from: 'proxy' }, 4, ['after 4 attempts', 'the proxy could not reach mirror.example:8080']],
    ['exhausted 503', HTTP, { kind: 'status', status: 503, from: 'server' }, 4, ['failed after 4 attempts (of 4 allowed)', 'got:      HTTP 503', 'try again later']],
    ['403 from the server', HTTP, { kind: 'status', status: 403, from: 'server' }, 1, ['the server refused access']],
    ['dns', HTTPS, { kind: 'network', code: 'ENOTFOUND', detail: 'getaddrinfo ENOTFOUND mirror.example' }, 1, [
      'got:      getaddrinfo ENOTFOUND mirror.example (ENOTFOUND)',
      'cannot resolve mirror.example',
    ]],
    ['tls', HTTPS, { kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', detail: 'self-signed certificate in certificate chain' }, 1, ['NODE_EXTRA_CA_CERTS']],
    ['stall', HTTP, { kind: 'idle', ms: 30000, received: 1234 }, 4, ['got:      no data for 30000 ms after 1234 bytes', 'stopped sending data']],
    ['deadline', HTTP, { kind: 'deadline', ms: 120000 }, 2, ['expected: the whole file within 120000 ms', 'not finished within the 120000 ms time limit']],
    ['over the pin', HTTP, { kind: 'too-large', limit: 100, got: 150, pinned: true, announced: true }, 1, [
      'got:      Content-Length of 150 bytes, over the pinned size of 100 bytes',
      'expected: at most 100 bytes (the pinned size)',
      'something other than the pinned file',
    ]],
    ['over the cap while streaming', HTTP, { kind: 'too-large', limit: 100, got: 101, pinned: false, announced: false }, 1, [
      'body of 101+ bytes, over the size cap of 100 bytes',
    ]],
    ['truncated', HTTP, { kind: 'truncated', announced: 100, received: 40 }, 4, ['body ended after 40 of 100 bytes']],
    ['local file', HTTP, { kind: 'file', code: 'EACCES', detail: 'EACCES: permission denied' }, 1, ['writable']],
    ['bad URL', 'ftp://x/y', { kind: 'network', code: 'EINVALIDURL', detail: 'not an http(s) URL' }, 0, ['full http:// or https:// URL']],
    ['before any attempt', HTTP, { kind: 'file', code: 'EACCES', detail: 'x' }, 0, ['failed before the first attempt']],
  ])('%s', (_name, url, failure, attempts, parts) => {
    const message = text(url, failure, attempts);
    for (const part of parts) expect(message).toContain(part);
    expect(message).not.toContain('hunter2');
  });
});
