import type { Rule } from '../rule';
import authorizedKeys2 from './authorized-keys2';
import authorizedKeysInventory from './authorized-keys-inventory';
import authorizedKeysRecent from './authorized-keys-recent';
import forcedCommandKey from './forced-command-key';
import keyInNologinAccount from './key-in-nologin-account';
import keysFilePermissions from './keys-file-permissions';
import sharedKey from './shared-key';
import sshdAuthorizedKeysFile from './sshd-authorized-keys-file';
import sshdEmptyPasswords from './sshd-empty-passwords';
import sshdKeysCommand from './sshd-keys-command';
import sshdWeakSetting from './sshd-weak-setting';

// Rules of the ssh family, one import per rule file.
export const rules: Rule[] = [
  authorizedKeys2,
  authorizedKeysInventory,
  authorizedKeysRecent,
  forcedCommandKey,
  keyInNologinAccount,
  keysFilePermissions,
  sharedKey,
  sshdAuthorizedKeysFile,
  sshdEmptyPasswords,
  sshdKeysCommand,
  sshdWeakSetting,
];
