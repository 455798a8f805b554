import type { Collector } from '../collector';

// Collectors of the rootkit family, in dependency order.
export const collectors: Collector[] = [];
