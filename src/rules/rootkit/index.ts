import type { Rule } from '../rule';

// Rules of the rootkit family, one import per rule file.
export const rules: Rule[] = [];
