import type { Collector } from '../collector';

// Collectors of the accounts family, in dependency order.
export const collectors: Collector[] = [];
