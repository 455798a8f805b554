import type { Rule } from '../rule';
import atJob from './at-job';
import cronDownloadExec from './cron-download-exec';
import cronSuspiciousTarget from './cron-suspicious-target';
import cronUnownedFile from './cron-unowned-file';
import initdDdosPattern from './initd-ddos-pattern';
import initdSuspiciousScript from './initd-suspicious-script';
import inittabRespawn from './inittab-respawn';
import rcLocalCommand from './rc-local-command';
import systemdDownloadExec from './systemd-download-exec';
import systemdGenerator from './systemd-generator';
import systemdSuspiciousExec from './systemd-suspicious-exec';
import systemdUnownedUnit from './systemd-unowned-unit';

// Rules of the persistence family, one import per rule file.
export const rules: Rule[] = [
  atJob,
  cronDownloadExec,
  cronSuspiciousTarget,
  cronUnownedFile,
  initdDdosPattern,
  initdSuspiciousScript,
  inittabRespawn,
  rcLocalCommand,
  systemdDownloadExec,
  systemdGenerator,
  systemdSuspiciousExec,
  systemdUnownedUnit,
];
