import type { Collector } from '../collector';

// Collectors of the files family, in dependency order.
export const collectors: Collector[] = [];
