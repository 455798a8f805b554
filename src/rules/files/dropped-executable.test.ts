import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import type { CronTableFact } from '../../collect/persistence/cron';
import rule from './dropped-executable';

const home = (path: string, over = {}) => fakeElf({ path, role: 'home', depth: 4, ...over });
const cronRunning = (path: string): CronTableFact => ({
  file: { path: '/var/spool/cron/crontabs/web', mtime: '2026-11-19T03:13:00.000Z', size: 60, mode: 0o600, uid: 1000, md5: null },
  kind: 'user',
  binary: false,
  entries: [
    {
      line: 1,
      text: `* * * * * ${path} -B`,
      schedule: '* * * * *',
      user: 'web',
      command: `${path} -B`,
      targets: [{ word: path, path, exists: true, mtime: '2026-11-19T03:12:00.000Z' }],
    },
  ],
  env: [],
});

testRule(rule, {
  valid: [
    {
      name: 'toolchain caches, editor servers, docker layers and snaps keep their own programs',
      facts: {
        packages: DPKG,
        fileInventory: inventory(
          home('/home/dev/.vscode-server/bin/1a2b/node'),
          home('/home/dev/.cargo/bin/rg'),
          home('/home/dev/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc'),
          home('/root/.cache/pip/wheels/ab/cd/_speedups.so'),
          home('/home/dev/.npm/_npx/1/node_modules/esbuild/bin/esbuild'),
          fakeElf({ path: '/var/lib/docker/overlay2/abc/diff/usr/bin/curl', role: 'var-lib', depth: 2 }),
          fakeElf({ path: '/var/lib/snapd/snap/core/bin/ls', role: 'var-lib', depth: 2 }),
        ),
      },
    },
    {
      name: 'scripts, data and packaged programs in home dot-directories, and a DKMS module object',
      facts: {
        packages: { ...DPKG, files: [...DPKG.files, '/var/lib/pkg-tool/helper'] },
        fileInventory: inventory(
          fakeEntry({ path: '/home/dev/.config/autostart/run.sh', role: 'home', mode: 0o755, magic: 'script', shebang: '#!/bin/sh' }),
          fakeEntry({ path: '/home/dev/.local/share/data.bin', role: 'home', magic: 'data' }),
          fakeElf({ path: '/var/lib/pkg-tool/helper', role: 'var-lib', depth: 2 }),
          fakeElf({ path: '/home/dev/.cache/.x/mod.ko', role: 'home', elfType: 'rel', modinfo: { vermagic: '6.1.0 SMP' } }),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'ELF in a hidden directory under ~/.cache and ~/.config/.kde/bin: medium',
      facts: {
        packages: DPKG,
        fileInventory: inventory(home('/home/web/.cache/.x/kswapd0'), home('/home/web/.config/.kde/bin/kded4')),
      },
      expect: [
        { severity: 'medium', path: '/home/web/.cache/.x/kswapd0', title: /Program dropped in \.x/, evidence: /sha256: a{64}/ },
        { severity: 'medium', path: '/home/web/.config/.kde/bin/kded4', evidence: /hidden directory "\.kde"/ },
      ],
    },
    {
      name: 'the same drop started by cron, one running under /root/.ssh: high; an unowned ELF in /var/lib: medium',
      facts: {
        packages: DPKG,
        cronJobs: [cronRunning('/home/web/.cache/.x/kswapd0')],
        processes: [fakeProcess({ pid: 4242, name: 'sshd', exe: '/root/.ssh/sshd', uid: 0 })],
        fileInventory: inventory(
          home('/home/web/.cache/.x/kswapd0'),
          fakeElf({ path: '/root/.ssh/sshd', role: 'home', depth: 2 }),
          fakeElf({ path: '/var/lib/mysql-files/dbus', role: 'var-lib', depth: 2 }),
        ),
      },
      expect: [
        { severity: 'high', path: '/home/web/.cache/.x/kswapd0', evidence: /started by \/var\/spool\/cron\/crontabs\/web:1/ },
        { severity: 'high', path: '/root/.ssh/sshd', evidence: /running now: pid 4242 \(sshd\)/ },
        { severity: 'medium', path: '/var/lib/mysql-files/dbus', evidence: /among service state in \/var\/lib/ },
      ],
    },
    {
      name: 'a program in ~/.local/bin is low, medium once cron starts it',
      facts: {
        packages: DPKG,
        cronJobs: [cronRunning('/home/web/.local/bin/sync')],
        fileInventory: inventory(home('/home/web/.local/bin/httpd'), home('/home/web/.local/bin/sync')),
      },
      expect: [
        { severity: 'medium', path: '/home/web/.local/bin/sync' },
        { severity: 'low', path: '/home/web/.local/bin/httpd', evidence: /inside \.local, where user tools live/ },
      ],
    },
  ],
});
