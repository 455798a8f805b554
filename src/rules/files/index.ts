import type { Rule } from '../rule';
import clamavDetection from './clamav-detection';
import contentMatch from './content-match';
import droppedExecutable from './dropped-executable';
import droppedSystemFile from './dropped-system-file';
import executableInTemp from './executable-in-temp';
import hiddenDirectory from './hidden-directory';
import immutableAttribute from './immutable-attribute';
import knownMalwareFile from './known-malware-file';
import recentChanges from './recent-changes';
import replacedSystemBinary from './replaced-system-binary';
import setidUnowned from './setid-unowned';
import unownedSystemExecutable from './unowned-system-executable';
import webUploadScript from './web-upload-script';

// Rules of the files family, one import per rule file.
export const rules: Rule[] = [
  clamavDetection,
  contentMatch,
  droppedExecutable,
  droppedSystemFile,
  executableInTemp,
  hiddenDirectory,
  immutableAttribute,
  knownMalwareFile,
  recentChanges,
  replacedSystemBinary,
  setidUnowned,
  unownedSystemExecutable,
  webUploadScript,
];
