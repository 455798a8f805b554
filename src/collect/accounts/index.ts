import type { Collector } from '../collector';
import accountFiles from './account-files';
import sshdConfig from './sshd-config';
import sshKeys from './ssh-keys';
import sudoers from './sudoers';

// Collectors of the accounts family, in dependency order.
export const collectors: Collector[] = [accountFiles, sshdConfig, sshKeys, sudoers] as Collector[];
