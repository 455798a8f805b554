import type { Collector } from '../collector';
import contentScan from '../content/content-scan';
import fileAttributes from './file-attributes';
import fileInventory from './file-inventory';
import packageIntegrity from './package-integrity';

// Collectors of the files family, in dependency order.
export const collectors: Collector[] = [fileInventory, packageIntegrity, fileAttributes, contentScan] as Collector[];
