import { defineCollector } from './collector';

export interface PackagesFact {
  manager: 'dpkg' | 'rpm' | null;
  /** Every path some installed package recorded. */
  files: string[];
  /** Number of installed packages whose file lists were read. */
  packageCount: number;
}

declare module '../model/facts' {
  interface Facts {
    packages: PackagesFact;
  }
}

const DPKG_INFO = '/var/lib/dpkg/info';

export default defineCollector({
  name: 'packages',
  description: 'Which files the package manager installed (dpkg file lists), to tell system files from dropped ones.',
  paths: [`${DPKG_INFO}/*.list`],
  collect({ host, gap }) {
    const names = host.readDir(DPKG_INFO);
    if (names === null) {
      if (host.readDir('/var/lib/rpm') !== null) gap('/var/lib/rpm', 'rpm database not supported yet: package ownership unknown');
      return { manager: null, files: [], packageCount: 0 };
    }
    const files: string[] = [];
    let packageCount = 0;
    for (const n of names) {
      if (!n.endsWith('.list')) continue;
      const text = host.readText(`${DPKG_INFO}/${n}`);
      if (text === null) {
        gap(`${DPKG_INFO}/${n}`, host.lastError() ?? 'unreadable');
        continue;
      }
      packageCount++;
      for (const line of text.split('\n')) if (line.startsWith('/')) files.push(line);
    }
    return { manager: 'dpkg', files, packageCount };
  },
});
