import type { Rule } from '../rule';

// Rules of the hooks family, one import per rule file.
export const rules: Rule[] = [];
