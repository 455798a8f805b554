import type { Collector } from '../collector';

// Collectors of the persistence family, in dependency order.
export const collectors: Collector[] = [];
