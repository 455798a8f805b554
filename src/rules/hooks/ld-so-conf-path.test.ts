import type { LdConfigFact } from '../../collect/hooks/ld-config';
import { MTIME } from '../../../test/helpers/hook-facts';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './ld-so-conf-path';

function dirs(...entries: [file: string, dir: string][]): LdConfigFact {
  return {
    preload: null,
    confFiles: ['/etc/ld.so.conf', ...new Set(entries.map(([f]) => f))],
    libraryDirs: entries.map(([file, dir], i) => ({ file, fileMtime: MTIME, n: i + 1, line: dir, dir })),
  };
}

testRule(rule, {
  valid: [
    {
      name: 'Debian stock libc.conf and multiarch conf',
      facts: {
        ldConfig: dirs(
          ['/etc/ld.so.conf.d/libc.conf', '/usr/local/lib'],
          ['/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '/usr/local/lib/x86_64-linux-gnu'],
          ['/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '/lib/x86_64-linux-gnu'],
          ['/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '/usr/lib/x86_64-linux-gnu'],
        ),
      },
    },
    {
      name: 'fakeroot alternative and vendor SDKs',
      facts: {
        ldConfig: dirs(
          ['/etc/ld.so.conf.d/fakeroot-x86_64-linux-gnu.conf', '/usr/lib/x86_64-linux-gnu/libfakeroot'],
          ['/etc/ld.so.conf.d/zz-cuda.conf', '/usr/local/cuda-13.0/lib'],
          ['/etc/ld.so.conf.d/oracle.conf', '/opt/oracle/instantclient_21_1'],
        ),
      },
    },
    { name: 'RHEL mariadb and trailing slash', facts: { ldConfig: dirs(['/etc/ld.so.conf.d/mariadb-x86_64.conf', '/usr/lib64/mysql/']) } },
  ],
  invalid: [
    {
      name: 'search path in /dev/shm',
      facts: { ldConfig: dirs(['/etc/ld.so.conf.d/libc.conf', '/usr/local/lib'], ['/etc/ld.so.conf.d/0.conf', '/dev/shm/.l']) },
      expect: [
        {
          severity: 'high',
          path: '/etc/ld.so.conf.d/0.conf',
          title: /temporary or hidden.*\/dev\/shm\/\.l/,
          evidence: /^\/etc\/ld\.so\.conf\.d\/0\.conf:2: \/dev\/shm\/\.l$/,
        },
      ],
    },
    {
      name: 'hidden directory under /usr/lib',
      facts: { ldConfig: dirs(['/etc/ld.so.conf', '/usr/lib/.cache-x']) },
      expect: [{ severity: 'high', path: '/etc/ld.so.conf' }],
    },
    {
      name: 'directory under /var/www is unusual',
      facts: { ldConfig: dirs(['/etc/ld.so.conf.d/app.conf', '/var/www/lib']) },
      expect: [{ severity: 'medium', title: /outside the usual/ }],
    },
  ],
});
