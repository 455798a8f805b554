import type { Rule } from '../rule';

// Rules of the ssh family, one import per rule file.
export const rules: Rule[] = [];
