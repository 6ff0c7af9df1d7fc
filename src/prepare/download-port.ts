// The download step prepare calls: src/download's `downloadFile`, injected so the CLI, the
// action and the tests pass the real one (or wrap it to count calls).
import type { downloadFile } from '../download/download-file.js';

export type { DownloadRequest, Downloaded } from '../download/download-file.js';
export type DownloadFn = typeof downloadFile;
