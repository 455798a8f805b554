import type { Rule } from '../rule';

// Rules of the files family, one import per rule file.
export const rules: Rule[] = [];
