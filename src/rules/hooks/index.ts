import type { Rule } from '../rule';
import ldSoConfPath from './ld-so-conf-path';
import ldSoPreload from './ld-so-preload';
import modprobeInstallCommand from './modprobe-install-command';
import moduleAutoloadConfig from './module-autoload-config';
import motdScript from './motd-script';
import pamExec from './pam-exec';
import pamPermitAuth from './pam-permit-auth';
import pamRogueModule from './pam-rogue-module';
import selinuxDisabled from './selinux-disabled';
import shellCommandShadowing from './shell-command-shadowing';
import shellDownloadExec from './shell-download-exec';
import shellHiddenBinary from './shell-hidden-binary';
import shellLdPreload from './shell-ld-preload';
import shellPromptCommand from './shell-prompt-command';
import udevRunProgram from './udev-run-program';

// Rules of the hooks family, one import per rule file.
export const rules: Rule[] = [
  ldSoConfPath,
  ldSoPreload,
  modprobeInstallCommand,
  moduleAutoloadConfig,
  motdScript,
  pamExec,
  pamPermitAuth,
  pamRogueModule,
  selinuxDisabled,
  shellCommandShadowing,
  shellDownloadExec,
  shellHiddenBinary,
  shellLdPreload,
  shellPromptCommand,
  udevRunProgram,
];
