import { describe, expect, it } from 'vitest';
import { actionOutputs } from '../../../src/pipeline/outputs.js';

describe('attestation outputs', () => {
  it('attestation and subject-digest come from the attached Statement, empty without one', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const outputs = actionOutputs({ mode: 'build', attestation: { statement: Buffer.from('{}'), subjectDigest: digest, attached: [], path: '/tmp/x/sha256-a.intoto.json' } });
    expect([outputs.attestation, outputs['subject-digest']]).toEqual(['/tmp/x/sha256-a.intoto.json', digest]);
    const none = actionOutputs({ mode: 'build' });
    expect([none.attestation, none['subject-digest']]).toEqual(['', '']);
  });
});
