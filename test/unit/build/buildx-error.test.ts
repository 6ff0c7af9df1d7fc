import { describe, expect, it } from 'vitest';
import { buildxFailure } from '../../../src/build/buildx-error.js';

// Real stderr tails from buildx 0.13.1 on this engine.
const REWRITE = `#11 naming to 127.0.0.1:5000/oneapi-offline-test/exp:a done
#11 ERROR: exporter option "rewrite-timestamp" conflicts with "unpack"
------
 > exporting to image:
------
ERROR: failed to solve: exporter option "rewrite-timestamp" conflicts with "unpack"
`;
const MISSING = `#6 [2/3] COPY busybox-riscv64 /bin/busybox
#6 ERROR: failed to calculate checksum of ref 4c1b::x: "/busybox-riscv64": not found
------
 > [2/3] COPY busybox-\${TARGETARCH} /bin/busybox:
------
Dockerfile:3
--------------------
   3 | >>> COPY busybox-\${TARGETARCH} /bin/busybox
--------------------
ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 4c1b::x: "/busybox-riscv64": not found
`;

describe('buildxFailure', () => {
  it.each([
    [REWRITE, ['ERROR: exporter option "rewrite-timestamp" conflicts with "unpack"', 'ERROR: failed to solve: exporter option "rewrite-timestamp" conflicts with "unpack"']],
    [MISSING, [expect.stringContaining('"/busybox-riscv64": not found'), expect.stringMatching(/^ERROR: failed to solve: failed to compute cache key/)]],
    ['docker: unknown flag --x\nSee docker --help\n', ['docker: unknown flag --x', 'See docker --help']],
    ['', ['(no output)']],
  ])('keeps the real message', (stderr, lines) => {
    expect(buildxFailure(stderr).split('\n')).toEqual(lines);
  });

  it('keeps at most the last lines asked for', () => {
    const many = Array.from({ length: 20 }, (_, i) => `ERROR: e${i}`).join('\n');
    expect(buildxFailure(many, 3).split('\n')).toEqual(['ERROR: e17', 'ERROR: e18', 'ERROR: e19']);
  });
});
