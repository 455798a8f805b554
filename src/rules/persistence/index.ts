import type { Rule } from '../rule';

// Rules of the persistence family, one import per rule file.
export const rules: Rule[] = [];
