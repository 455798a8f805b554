import type { CollectContext } from '../../src/collect/collector';
import type { Host } from '../../src/host/host';
import { builtinIntel } from '../../src/intel/intel';
import type { Facts } from '../../src/model/facts';

/** What a collector gets in a scan without sampling: the host, the built-in intel, earlier facts and a gap recorder. */
export function collectContext(host: Host, facts: Partial<Facts> = {}, gap: CollectContext['gap'] = () => {}): CollectContext {
  return { host, options: { sampleMs: 0 }, intel: builtinIntel(), facts, gap };
}
