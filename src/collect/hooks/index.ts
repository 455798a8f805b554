import type { Collector } from '../collector';

// Collectors of the hooks family, in dependency order.
export const collectors: Collector[] = [];
