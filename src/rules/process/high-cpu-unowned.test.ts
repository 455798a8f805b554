import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './high-cpu-unowned';

testRule(rule, {
  valid: [
    { name: 'busy packaged program', facts: { processes: [fakeProcess({ cpuPercent: 180 })], packages: DPKG } },
    {
      name: 'busy daemon whose package was upgraded under it (binary deleted)',
      facts: { processes: [fakeProcess({ exe: '/usr/sbin/nginx', exeDeleted: true, cpuPercent: 100 })], packages: DPKG },
    },
    { name: 'idle unpackaged program', facts: { processes: [fakeProcess({ exe: '/tmp/x', cpuPercent: 3 })], packages: DPKG } },
    { name: 'no sample taken', facts: { processes: [fakeProcess({ exe: '/tmp/x' })], packages: DPKG } },
    {
      name: "busy workload inside a container (its files are not the host's)",
      facts: { processes: [fakeProcess({ name: 'server', exe: '/app/server', cpuPercent: 95, foreignRoot: true })], packages: DPKG },
    },
  ],
  invalid: [
    {
      name: 'miner from /tmp',
      facts: { processes: [fakeProcess({ pid: 1200, name: 'x', exe: '/tmp/x', cpuPercent: 99.5 })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1200, title: /99\.5% CPU/ }],
    },
    {
      name: "miner in a container's /tmp is still suspicious",
      facts: { processes: [fakeProcess({ pid: 1203, name: 'x', exe: '/tmp/x', cpuPercent: 97, foreignRoot: true })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1203 }],
    },
    {
      name: "a CI job's esbuild inside node_modules in /var/tmp is medium",
      facts: {
        processes: [
          fakeProcess({
            pid: 1204,
            name: 'esbuild',
            exe: '/var/tmp/ci-build-4711/node_modules/@esbuild/linux-x64/bin/esbuild',
            cpuPercent: 180,
          }),
        ],
        packages: DPKG,
      },
      expect: [{ severity: 'medium', pid: 1204 }],
    },
    {
      name: 'the same tree name under a hidden directory in /tmp stays high',
      facts: { processes: [fakeProcess({ pid: 1205, name: 'x', exe: '/tmp/.x/node_modules/x', cpuPercent: 99 })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1205 }],
    },
    {
      name: 'self-installed software under /opt',
      facts: { processes: [fakeProcess({ pid: 1201, name: 'java', exe: '/opt/app/jre/bin/java', cpuPercent: 90 })], packages: DPKG },
      expect: [{ severity: 'medium', pid: 1201 }],
    },
    {
      name: 'deleted unpackaged binary in a system directory',
      facts: { processes: [fakeProcess({ pid: 1202, exe: '/usr/sbin/nginx-helper', exeDeleted: true, cpuPercent: 100 })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1202 }],
    },
  ],
});
