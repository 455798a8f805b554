import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveringNet, parseAddr } from './firewall';
import { iptablesBackend, iptablesRules } from './iptables';
import { nftBackend, nftScript } from './nft';

describe('firewall rules', () => {
  it('accepts IPv4/IPv6 addresses and networks, nothing else', () => {
    assert.deepEqual(parseAddr('203.0.113.9'), { family: 4, text: '203.0.113.9' });
    assert.deepEqual(parseAddr('2001:db8::/32'), { family: 6, text: '2001:db8::/32' });
    for (const bad of ['203.0.113.9/33', 'example.com', '1.2.3.4/8/9', '2001:db8::/129', '1.2.3.4; drop table', '']) {
      assert.equal(parseAddr(bad), null, bad);
    }
  });

  it('knows when a blocked network covers an address (the operator’s own)', () => {
    assert.equal(coveringNet('198.51.100.7', ['203.0.113.9', '198.51.100.0/24']), '198.51.100.0/24');
    assert.equal(coveringNet('198.51.100.7', ['198.51.100.7']), '198.51.100.7');
    assert.equal(coveringNet('2001:db8::7', ['2001:db8::/32']), '2001:db8::/32');
    assert.equal(coveringNet('198.51.100.7', ['198.51.101.0/24', '2001:db8::/32']), null);
  });

  it('nft: the egress limit exempts loopback and the kept ports before the limit drops', () => {
    const b = nftBackend();
    const change = { kind: 'egress-limit' as const, bytesPerSec: 1250000, keepPorts: [22, 2222] };
    const added = b.plan('hs-abc123-1', change);
    assert.deepEqual(added.chains, [{ family: 'inet', name: 'hs-abc123-1-egress' }]);
    const script = nftScript(change, added);
    assert.match(script, /^table inet hostsweep \{\n {2}chain hs-abc123-1-egress \{\n {4}type filter hook postrouting/);
    const rules = script.split('\n').map((l) => l.trim());
    const at = (r: string) => rules.indexOf(r);
    assert.ok(at('oifname "lo" accept') > 0);
    assert.ok(at('tcp sport { 22, 2222 } accept') > 0);
    assert.ok(at('tcp dport { 22, 2222 } accept') > 0);
    assert.ok(
      at('limit rate over 1250000 bytes/second counter drop comment "hostsweep egress-limit"') > at('tcp dport { 22, 2222 } accept'),
    );
  });

  it('nft: blocks split by family, in input, output and forward', () => {
    const b = nftBackend();
    const change = { kind: 'block' as const, addrs: ['203.0.113.9', '2001:db8::/32', '198.51.100.0/24'] };
    const script = nftScript(change, b.plan('hs-t-1', change));
    assert.match(script, /chain hs-t-1-in \{\n.*hook input.*\n\s+ip saddr \{ 203\.0\.113\.9, 198\.51\.100\.0\/24 \} counter drop/);
    assert.match(script, /ip6 saddr 2001:db8::\/32 counter drop/);
    assert.match(script, /chain hs-t-1-out \{\n.*hook output.*\n\s+ip daddr \{ 203\.0\.113\.9, 198\.51\.100\.0\/24 \} counter drop/);
    assert.match(script, /chain hs-t-1-fwd/);
  });

  it('iptables: own chains per family, kept traffic RETURNs to the site’s rules, drop last', () => {
    const change = { kind: 'isolate' as const, keepPorts: [22], keepAddrs: ['192.0.2.7'] };
    const v4 = iptablesRules(change, 'ip', 'INPUT');
    assert.deepEqual(v4[0], ['-i', 'lo', '-j', 'RETURN']);
    assert.ok(v4.some((r) => r.join(' ') === '-p tcp --dport 22 -j RETURN'));
    assert.ok(v4.some((r) => r.join(' ') === '-s 192.0.2.7 -j RETURN'));
    assert.deepEqual(v4.at(-1), ['-m', 'comment', '--comment', 'hostsweep isolate', '-j', 'DROP']);
    const v6 = iptablesRules(change, 'ip6', 'OUTPUT');
    assert.ok(
      v6.some((r) => r.join(' ') === '-p ipv6-icmp --icmpv6-type 135 -j RETURN'),
      'neighbour discovery stays',
    );
    assert.ok(!v6.some((r) => r.includes('192.0.2.7')));
    const added = iptablesBackend('iptables-legacy').plan('abc123-2', change);
    assert.deepEqual(
      added.chains.map((c) => `${c.family} ${c.name} ${c.from}`),
      [
        'ip HOSTSWEEP-ABC123-2-INP INPUT',
        'ip HOSTSWEEP-ABC123-2-OUT OUTPUT',
        'ip6 HOSTSWEEP-ABC123-2-INP INPUT',
        'ip6 HOSTSWEEP-ABC123-2-OUT OUTPUT',
      ],
    );
    assert.ok(
      added.chains.every((c) => c.name.length <= 28),
      'iptables chain names are at most 28 characters',
    );
  });
});
