import { defineCollector } from '../collector';
import { type ConfigFile, listFiles, readConfigFile } from './config-file';

export interface MotdScript extends ConfigFile {
  /** run-parts only runs executable files; others are inert. */
  executable: boolean;
}

declare module '../../model/facts' {
  interface Facts {
    motdScripts: { scripts: MotdScript[] };
  }
}

const MOTD_DIR = '/etc/update-motd.d';

export default defineCollector({
  name: 'motdScripts',
  description: 'Scripts in /etc/update-motd.d, which pam_motd runs as root at every interactive login.',
  paths: [`${MOTD_DIR}/*`],
  collect({ host, gap }) {
    const scripts: MotdScript[] = [];
    for (const path of listFiles(host, MOTD_DIR, { gap })) {
      const f = readConfigFile(host, path, gap);
      if (!f) continue;
      const mode = host.stat(path)?.mode ?? 0;
      scripts.push({ ...f, executable: (mode & 0o111) !== 0 });
    }
    return { scripts };
  },
});
