import type { Collector } from '../collector';

// Collectors of the logs family, in dependency order.
export const collectors: Collector[] = [];
