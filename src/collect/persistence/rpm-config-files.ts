import { defineCollector } from '../collector';
import { FILE_CONFIG, STATE_NORMAL } from '../rpmdb/header';
import { readRpmDatabase } from '../rpmdb/index';

declare module '../../model/facts' {
  interface Facts {
    /** %config files rpm installed, with the digest of the packaged version (path → md5 or sha256 hex). */
    rpmConfigFiles: Record<string, string>;
  }
}

/** Only the places persistence lives: the whole /etc would bloat every snapshot. */
const PERSISTENCE =
  /^\/etc\/(crontab$|cron\.|anacrontab$|rc\.d\/|rc\.local$|init\.d\/|systemd\/|profile|bashrc$|ld\.so\.)|^\/usr\/lib\/systemd\//;

export default defineCollector({
  name: 'rpmConfigFiles',
  description:
    'Digests rpm recorded for the configuration files it installed in cron, init and systemd places, to tell an edited /etc/crontab from the packaged one on CentOS/RHEL.',
  paths: ['/var/lib/rpm/*'],
  after: ['packages'],
  collect({ host, facts }) {
    const out: Record<string, string> = {};
    if (facts.packages?.manager !== 'rpm') return out;
    for (const pkg of readRpmDatabase(host).db?.packages ?? []) {
      if (pkg.digestAlgorithm !== 'md5' && pkg.digestAlgorithm !== 'sha256') continue;
      for (const f of pkg.files)
        if ((f.flags & FILE_CONFIG) !== 0 && f.state === STATE_NORMAL && f.digest !== '' && PERSISTENCE.test(f.path))
          out[f.path] = f.digest.toLowerCase();
    }
    return out;
  },
});
