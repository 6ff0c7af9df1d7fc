// Pins of the third-party actions our workflows, examples and README use (one list, so a bump
// is one edit and the checks in test/unit cannot drift apart).
/**
 * The third-party actions the workflows may use: each commit checked against the action's public
 * repository (the tag points at it, and its action.yml says `using: node24`), the newest release
 * of its current major. A pin not listed here fails until someone checks it the same way.
 */
export const VERIFIED_PINS: Readonly<Record<string, { sha: string; version: string }>> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  'actions/upload-artifact': { sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', version: 'v7.0.0' },
  'actions/download-artifact': { sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', version: 'v8.0.1' },
  'docker/setup-qemu-action': { sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8', version: 'v4.2.0' },
  'docker/setup-buildx-action': { sha: '37fe631027851001ddb9b187196cc803df7f5f0e', version: 'v4.3.0' },
  'docker/login-action': { sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121', version: 'v4.1.0' },
  'docker/metadata-action': { sha: 'dc802804100637a589fabce1cb79ff13a1411302', version: 'v6.2.0' },
};
