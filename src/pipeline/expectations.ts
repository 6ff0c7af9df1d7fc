// What an image must hold: every selected file, with its pinned bytes, in the folder each
// required consumer reads. From a prepare result when there is one (sizes measured), else from
// the pins (merge and verify need no download to know what to look for). With no `encoders`
// given to `verify`, the set is what each folder's manifest.json lists, every file checked
// against the pins and extra-encoders (never a hash the image supplies about itself).
import { selectFiles } from '../encoders/selection.js';
import type { GatewayProfile } from '../gateways/profiles.js';
import type { ConsumerName } from '../image/consumers.js';
import { expectationsFrom, expectedFile } from '../image/expectations.js';
import type { Expectations } from '../image/report.js';
import { ENCODING_NAMES } from '../pins.js';
import type { PrepareOptions } from '../prepare/options.js';
import type { PrepareResult } from '../prepare/result.js';

export interface VerifyOptions {
  /** Consumers that must read every file offline. */
  readonly consumers: readonly ConsumerName[];
  /** `verify` without `encoders`: read the encoder set from the image's manifest.json. */
  readonly encodersFromImage: boolean;
  /** The gateway profile the verdict follows (its reader rule, encodings and volumes). */
  readonly gateway?: GatewayProfile;
}

export function expectationsOf(
  cachePath: string,
  prepared: PrepareResult | undefined,
  selection: Pick<PrepareOptions, 'encodings' | 'extras'>,
  options: VerifyOptions = { consumers: ['tiktoken', 'tiktoken-go'], encodersFromImage: false },
): Expectations {
  const { consumers, gateway } = options;
  const profile = gateway ? { gateway } : {};
  if (prepared) return expectationsFrom(prepared.manifest, cachePath, consumers, gateway);
  if (options.encodersFromImage) {
    return { cachePath, files: [], fromImage: true, known: selectFiles(ENCODING_NAMES, selection.extras).map(expectedFile), consumers, ...profile };
  }
  // Extras are pinned by hash only: their size is not checked here.
  return { cachePath, files: selectFiles(selection.encodings, selection.extras).map(expectedFile), consumers, ...profile };
}
