import type { Rule } from '../rule';

// Rules of the logs family, one import per rule file.
export const rules: Rule[] = [];
