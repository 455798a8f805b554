import fs from 'node:fs';
import YAML from 'yaml';
import { InputError } from './input-error';

/** A user's YAML or JSON file, parsed; a syntax error names the file and line. */
export function readYaml(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return YAML.parse(text, { uniqueKeys: true });
  } catch (e) {
    throw new InputError(file, [{ section: '', message: (e as Error).message.split('\n')[0] }]);
  }
}
