import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './random-name';
import { looksRandom } from '../shared/random-name';

it('random-looking names: XOR.DDoS samples yes, real program names no', () => {
  for (const n of ['srstomucra', 'ohzrfrrplm', 'ydhnfrtpgi', 'qzxjcvbnmw', 'bkmtrgqzlp']) assert.ok(looksRandom(n), n);
  for (const n of [
    'prometheus',
    'nginx',
    'containerd',
    'kubernetes',
    'grafana',
    'memcached',
    'dnsmasq',
    'elasticsearch',
    'rabbitmq',
    'telegraf',
    'keepalived',
    'zookeeper',
    'supervisord',
    'haproxy',
    'influxd',
  ]) {
    assert.equal(looksRandom(n), false, n);
  }
});

testRule(rule, {
  valid: [
    {
      name: 'packaged binary with a consonant-heavy name',
      facts: { processes: [fakeProcess({ name: 'rsync', exe: '/usr/bin/rsync' })], packages: DPKG },
    },
    {
      name: 'unpackaged service with a real word name',
      facts: { processes: [fakeProcess({ name: 'prometheus', exe: '/usr/bin/prometheus' })], packages: DPKG },
    },
    {
      name: 'self-built consonant-heavy name under /usr/local',
      facts: { processes: [fakeProcess({ name: 'postgresql', exe: '/usr/local/pgsql/bin/postgresql' })], packages: DPKG },
    },
  ],
  invalid: [
    {
      name: 'XOR.DDoS copy in /usr/bin',
      facts: {
        processes: [fakeProcess({ pid: 1001, name: 'srstomucra', exe: '/usr/bin/srstomucra', cmdline: ['/usr/bin/srstomucra'] })],
        packages: DPKG,
      },
      expect: [{ severity: 'high', pid: 1001, path: '/usr/bin/srstomucra' }],
    },
  ],
});
