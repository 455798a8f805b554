import type { Rule } from '../rule';
import historyDisabled from './history-disabled';
import historySuspiciousCommands from './history-suspicious-commands';
import loggedAccountChange from './logged-account-change';
import loggedSuspiciousCommand from './logged-suspicious-command';
import loginFromBruteforceIp from './login-from-bruteforce-ip';
import loginRecordsTampered from './login-records-tampered';
import loginRecordsWiped from './login-records-wiped';
import packageTransaction from './package-transaction';
import passwordChanged from './password-changed';
import remoteRootLogin from './remote-root-login';
import sshBruteforce from './ssh-bruteforce';
import sshLoginAfterBruteforce from './ssh-login-after-bruteforce';
import sshRootKeyLogin from './ssh-root-key-login';
import sshRootPasswordLogin from './ssh-root-password-login';
import webAttackTraffic from './web-attack-traffic';
import webshellAccessPattern from './webshell-access-pattern';
import webshellContent from './webshell-content';

// Rules of the logs family, one import per rule file.
export const rules: Rule[] = [
  sshBruteforce,
  sshLoginAfterBruteforce,
  sshRootPasswordLogin,
  sshRootKeyLogin,
  loginFromBruteforceIp,
  remoteRootLogin,
  loginRecordsTampered,
  loginRecordsWiped,
  historySuspiciousCommands,
  loggedSuspiciousCommand,
  loggedAccountChange,
  passwordChanged,
  historyDisabled,
  webshellContent,
  webshellAccessPattern,
  webAttackTraffic,
  packageTransaction,
];
