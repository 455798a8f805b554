import type { Rule } from '../rule';

// Rules of the accounts family, one import per rule file.
export const rules: Rule[] = [];
