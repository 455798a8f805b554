import type { Rule } from '../rule';
import duplicateUid from './duplicate-uid';
import emptyPassword from './empty-password';
import gidZeroLogin from './gid-zero-login';
import lookalikeName from './lookalike-name';
import newLoginAccount from './new-login-account';
import passwdHash from './passwd-hash';
import rootPasswordChanged from './root-password-changed';
import sudoersNopasswd from './sudoers-nopasswd';
import sudoersSuspiciousGrant from './sudoers-suspicious-grant';
import sudoersWeakenedDefaults from './sudoers-weakened-defaults';
import systemAccountLoginShell from './system-account-login-shell';
import uidZeroAccount from './uid-zero-account';

// Rules of the accounts family, one import per rule file.
export const rules: Rule[] = [
  duplicateUid,
  emptyPassword,
  gidZeroLogin,
  lookalikeName,
  newLoginAccount,
  passwdHash,
  rootPasswordChanged,
  sudoersNopasswd,
  sudoersSuspiciousGrant,
  sudoersWeakenedDefaults,
  systemAccountLoginShell,
  uidZeroAccount,
];
