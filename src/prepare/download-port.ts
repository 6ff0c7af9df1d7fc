// The shape of src/download's `downloadFile`, as prepare calls it (injected, so tests and the
// CLI pass the real one and nothing here imports the network).
import type { Logger } from '../log/logger.js';

export interface DownloadRequest {
  readonly url: string;
  readonly label: string;
  readonly expectedSize?: number;
  readonly maxBytes: number;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
}

export interface Downloaded {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly attempts: number;
}

export type DownloadFn = (request: DownloadRequest, destPath: string, context: { log: Logger }) => Promise<Downloaded>;
