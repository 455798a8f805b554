import { testRule } from '../../../test/helpers/rule-tester';
import rule from './cloaked-file';

const CHECKED = ['/etc/ld.so.preload', '/etc/rc.local', '/etc/init.d'];

testRule(rule, {
  valid: [
    { name: 'every file reads the same both ways', facts: { cloakedFiles: { checked: CHECKED, anomalies: [] } } },
    {
      name: 'ld.so.preload hidden from the listing is left to scanner-hooked',
      facts: {
        cloakedFiles: {
          checked: CHECKED,
          anomalies: [
            {
              path: '/etc/ld.so.preload',
              kind: 'hidden-from-listing',
              detail: 'exists (stat) but the /etc listing via readdir() leaves it out',
            },
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'rc.local line filtered out of reads',
      facts: {
        cloakedFiles: {
          checked: CHECKED,
          anomalies: [
            {
              path: '/etc/rc.local',
              kind: 'short-read',
              detail: 'stat says 52 bytes, reading it returned 10',
              revealed: '/usr/lib/.x/kworkerds &',
            },
          ],
        },
      },
      expect: [
        {
          severity: 'critical',
          path: '/etc/rc.local',
          title: /Cloaked file: \/etc\/rc\.local \(short-read\)/,
          evidence: /hidden content: \/usr\/lib\/\.x\/kworkerds &/,
        },
      ],
    },
    {
      name: 'init script hidden from readdir, and preload content differing by path',
      facts: {
        cloakedFiles: {
          checked: CHECKED,
          anomalies: [
            { path: '/etc/init.d/selinux-helper', kind: 'entry-hidden', detail: 'listed by scandir() but not by readdir()' },
            {
              path: '/etc/ld.so.preload',
              kind: 'content-differs',
              detail: 'reading /etc/ld.so.preload and /proc/self/root/etc/ld.so.preload returned different bytes (0 vs 23)',
              revealed: '/usr/local/lib/libs.so',
            },
          ],
        },
      },
      expect: [
        { severity: 'critical', path: '/etc/init.d/selinux-helper', title: /entry-hidden/ },
        { severity: 'critical', path: '/etc/ld.so.preload', title: /content-differs/, evidence: /libs\.so/ },
      ],
    },
  ],
});
