import { describe, expect, it } from 'vitest';
import { AttemptFailure, failureOf, isRetryable, type Failure } from '../../../src/download/failure.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('failureOf', () => {
  it.each<[string, unknown, Failure]>([
    ['tunnel CONNECT refused with 407', withCode('tunneling socket could not be established, statusCode=407', 'ECONNRESET'), { kind: 'status', status: 407, from: 'proxy' }],
    ['tunnel CONNECT 502', withCode('tunneling socket could not be established, statusCode=502', 'ECONNRESET'), { kind: 'status', status: 502, from: 'proxy' }],
    ['proxy down', withCode('tunneling socket could not be established, cause=connect ECONNREFUSED 127.0.0.1:8888', 'ECONNRESET'), {
      kind: 'network', code: 'ECONNREFUSED', detail: 'proxy connection failed: connect ECONNREFUSED 127.0.0.1:8888',
    }],
    ['reset mid-body', withCode('aborted', 'ECONNRESET'), { kind: 'network', code: 'ECONNRESET', detail: 'connection reset mid-body' }],
    ['hang up', withCode('socket hang up', 'ECONNRESET'), { kind: 'network', code: 'ECONNRESET', detail: 'connection reset: socket hang up' }],
    ['dns', withCode('getaddrinfo ENOTFOUND mirror.example', 'ENOTFOUND'), { kind: 'network', code: 'ENOTFOUND', detail: 'getaddrinfo ENOTFOUND mirror.example' }],
    ['disk full', withCode('ENOSPC: no space left on device, write', 'ENOSPC'), { kind: 'file', code: 'ENOSPC', detail: 'ENOSPC: no space left on device, write' }],
    ['https→http redirect', new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed'), {
      kind: 'network', code: 'REDIRECT_DOWNGRADE', detail: 'the server redirected from https to http',
    }],
    ['unknown, without code', new Error('weird'), { kind: 'network', code: 'ENETWORK', detail: 'weird' }],
    ['not an Error', 'boom', { kind: 'network', code: 'ENETWORK', detail: 'boom' }],
    ['a credential in a message is scrubbed', new Error('bad http://u:pw@h:1/x'), { kind: 'network', code: 'ENETWORK', detail: 'bad http://***@h:1/x' }],
    ['an AttemptFailure keeps its failure', new AttemptFailure({ kind: 'idle', ms: 5, received: 1 }), { kind: 'idle', ms: 5, received: 1 }],
  ])('%s', (_name, error, expected) => {
    expect(failureOf(error)).toEqual(expected);
  });
});

describe('isRetryable', () => {
  it.each<[Failure, boolean]>([
    [{ kind: 'status', status: 500, from: 'server' }, true],
    [{ kind: 'status', status: 503, from: 'server' }, true],
    [{ kind: 'status', status: 408, from: 'server' }, true],
    [{ kind: 'status', status: 429, from: 'server' }, true],
    [{ kind: 'status', status: 502, from: 'proxy' }, true],
    [{ kind: 'status', status: 404, from: 'server' }, false],
    [{ kind: 'status', status: 403, from: 'server' }, false],
    [{ kind: 'status', status: 401, from: 'server' }, false],
    [{ kind: 'status', status: 407, from: 'proxy' }, false],
    [{ kind: 'status', status: 407, from: 'server' }, false],
    [{ kind: 'status', status: 304, from: 'server' }, false],
    [{ kind: 'network', code: 'ECONNRESET', detail: '' }, true],
    [{ kind: 'network', code: 'ECONNREFUSED', detail: '' }, true],
    [{ kind: 'network', code: 'EAI_AGAIN', detail: '' }, true],
    [{ kind: 'network', code: 'ENOTFOUND', detail: '' }, false],
    [{ kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', detail: '' }, false],
    [{ kind: 'network', code: 'ERR_TLS_CERT_ALTNAME_INVALID', detail: '' }, false],
    [{ kind: 'network', code: 'REDIRECT_DOWNGRADE', detail: '' }, false],
    [{ kind: 'idle', ms: 1, received: 0 }, true],
    [{ kind: 'truncated', announced: 10, received: 5 }, true],
    [{ kind: 'deadline', ms: 1 }, false],
    [{ kind: 'too-large', limit: 1, got: 2, pinned: true, announced: true }, false],
    [{ kind: 'file', code: 'EACCES', detail: '' }, false],
  ])('%j → %s', (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});
