import { defineCollector } from './collector';
import { RPMDB_DIRS, readRpmDatabase } from './rpmdb/index';

export interface PackagesFact {
  manager: 'dpkg' | 'rpm' | null;
  /** Which database was read: dpkg's file lists, or rpm's sqlite, Berkeley DB or ndb file. */
  format?: 'dpkg' | 'rpm-sqlite' | 'rpm-bdb' | 'rpm-ndb';
  /** Every path some installed package recorded. */
  files: string[];
  /** Number of installed packages whose file lists were read. */
  packageCount: number;
  /** When each rpm package was installed (the rpm header's install time): what came when. */
  installs?: { package: string; time: string }[];
}

declare module '../model/facts' {
  interface Facts {
    packages: PackagesFact;
  }
}

const DPKG_INFO = '/var/lib/dpkg/info';

export default defineCollector({
  name: 'packages',
  description:
    'Which files the package manager installed (dpkg file lists; rpm database in sqlite, Berkeley DB or ndb format, read directly), to tell system files from dropped ones.',
  paths: [`${DPKG_INFO}/*.list`, ...RPMDB_DIRS.flatMap((d) => [`${d}/rpmdb.sqlite`, `${d}/Packages`, `${d}/Packages.db`])],
  collect({ host, gap }) {
    const names = host.readDir(DPKG_INFO);
    if (names === null) {
      const rpm = readRpmDatabase(host);
      for (const p of rpm.problems) gap(p.path, p.reason);
      if (!rpm.db) {
        if (rpm.present && rpm.problems.length === 0) gap('/var/lib/rpm', 'no rpm database file found: package ownership unknown');
        return { manager: null, files: [], packageCount: 0 };
      }
      const files: string[] = [];
      const installs: { package: string; time: string }[] = [];
      for (const pkg of rpm.db.packages) {
        for (const f of pkg.files) files.push(f.path);
        if (pkg.installTime !== null) installs.push({ package: pkg.name, time: new Date(pkg.installTime * 1000).toISOString() });
      }
      return { manager: 'rpm', format: `rpm-${rpm.db.format}`, files, packageCount: rpm.db.packages.length, installs };
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
    return { manager: 'dpkg', format: 'dpkg', files, packageCount };
  },
});
