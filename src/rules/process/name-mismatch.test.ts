import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './name-mismatch';

testRule(rule, {
  valid: [
    {
      name: 'script run by an interpreter',
      facts: {
        processes: [
          fakeProcess({
            name: 'unattended-upgr',
            exe: '/usr/bin/python3.11',
            cmdline: ['/usr/bin/python3', '/usr/bin/unattended-upgrade'],
          }),
        ],
        packages: DPKG,
      },
    },
    {
      name: 'comm truncated to 15 bytes',
      facts: {
        processes: [fakeProcess({ name: 'systemd-journal', exe: '/usr/lib/systemd/systemd-journald' })],
        packages: { ...DPKG, files: [...DPKG.files, '/usr/lib/systemd/systemd-journald'] },
      },
    },
    {
      name: 'packaged daemon renaming itself',
      facts: { processes: [fakeProcess({ name: '(sd-pam)', exe: '/usr/lib/systemd/systemd' })], packages: DPKG },
    },
    {
      name: 'renamed worker inside a container',
      facts: {
        processes: [
          fakeProcess({ name: 'gunicorn', exe: '/usr/local/bin/python3.12', foreignRoot: true }),
          fakeProcess({ name: 'sidekiq', exe: '/usr/local/bin/ruby-wrapper', foreignRoot: true }),
        ],
        packages: DPKG,
      },
    },
    {
      name: 'unpackaged program started through a symlink',
      facts: { processes: [fakeProcess({ name: 'kubectl', exe: '/opt/k8s/kubectl-1.29', cmdline: ['kubectl', 'proxy'] })], packages: DPKG },
    },
  ],
  invalid: [
    {
      name: 'unpackaged binary calling itself sshd',
      facts: { processes: [fakeProcess({ pid: 900, name: 'sshd', exe: '/usr/local/share/.x/miner', cmdline: ['sshd'] })], packages: DPKG },
      expect: [{ severity: 'medium', pid: 900, path: '/usr/local/share/.x/miner', title: /"sshd" but runs/ }],
    },
  ],
});
