import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO, scannerBundle } from './helpers/namespace';
import { NetnsPair, waitForLine } from './helpers/netns-pair';

// `contain --block`: IPv4 and IPv6 addresses are cut in both directions, a neighbour address is
// not, the site's own rules are left exactly as they were, and `undo` restores everything.

const PORT = 7070;
const mgmt = path.join(REPO, 'test/fixtures/c/mgmt.cjs');

/** The site's own firewall, as the backend's tool prints it (counters stripped). */
function siteRules(net: NetnsPair, backend: string): string {
  const cmd = backend === 'nft' ? ['nft', 'list', 'ruleset'] : [`${backend}-save`];
  const out = net.run(net.sender, cmd).stdout;
  return out
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\[\d+:\d+\]/g, ''))
    .join('\n');
}

function plantSiteRules(net: NetnsPair, backend: string): void {
  if (backend === 'nft') {
    const script = 'table inet site {\n chain input {\n  type filter hook input priority 0; policy accept;\n  tcp dport 9 accept\n }\n}\n';
    fs.writeFileSync(path.join(os.tmpdir(), `site-${net.id}.nft`), script);
    assert.equal(net.run(net.sender, ['nft', '-f', path.join(os.tmpdir(), `site-${net.id}.nft`)]).status, 0);
  } else {
    for (const t of [backend, backend.replace('iptables', 'ip6tables')]) {
      assert.equal(net.run(net.sender, [t, '-A', 'INPUT', '-p', 'tcp', '--dport', '9', '-j', 'ACCEPT']).status, 0);
      assert.equal(net.run(net.sender, [t, '-A', 'OUTPUT', '-p', 'udp', '--dport', '9', '-j', 'ACCEPT']).status, 0);
    }
  }
}

describe('contain --block', { concurrency: false }, () => {
  for (const backend of ['nft', 'iptables-nft', 'iptables-legacy']) {
    it(`cuts v4 and v6 addresses in and out, nothing else, and undo restores (${backend})`, async () => {
      const net = new NetnsPair();
      const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-block-state-'));
      const hostsweep = (args: string[]) => net.run(net.sender, [process.execPath, scannerBundle(), ...args, '--state', state]);
      try {
        // A second pair of addresses on the receiver: a neighbour that must stay reachable.
        net.run(net.receiver, ['ip', 'addr', 'add', '10.88.0.3/24', 'dev', net.receiverDev]);
        net.run(net.receiver, ['ip', 'addr', 'add', 'fd88::3/64', 'dev', net.receiverDev, 'nodad']);
        await waitForLine(net.start(net.sender, [process.execPath, mgmt, 'serve', String(PORT)]), /listening/);
        await waitForLine(net.start(net.receiver, [process.execPath, mgmt, 'serve', String(PORT)]), /listening/);
        plantSiteRules(net, backend);
        const before = siteRules(net, backend);
        const probe = () => {
          const out = net.run(net.sender, [
            process.execPath,
            mgmt,
            'probe',
            `10.88.0.2,${PORT}`,
            `fd88::2,${PORT}`,
            `10.88.0.3,${PORT}`,
            `fd88::3,${PORT}`,
          ]).stdout;
          const inbound = net.run(net.receiver, [
            process.execPath,
            mgmt,
            'probe',
            `10.88.0.1,${PORT},10.88.0.2`,
            `fd88::1,${PORT},fd88::2`,
            `10.88.0.1,${PORT},10.88.0.3`,
            `fd88::1,${PORT},fd88::3`,
          ]).stdout;
          return `${out}${inbound}`.trim();
        };
        const allOk = [
          '10.88.0.2 - ok',
          'fd88::2 - ok',
          '10.88.0.3 - ok',
          'fd88::3 - ok',
          '10.88.0.1 10.88.0.2 ok',
          'fd88::1 fd88::2 ok',
          '10.88.0.1 10.88.0.3 ok',
          'fd88::1 fd88::3 ok',
        ].join('\n');
        assert.equal(probe(), allOk);

        const applied = hostsweep(['contain', '--block', '10.88.0.2', '--block', 'fd88::2', '--backend', backend, '--yes', '--no-collect']);
        assert.equal(applied.status, 0, applied.stdout + applied.stderr);
        assert.equal(
          probe(),
          [
            '10.88.0.2 - fail',
            'fd88::2 - fail',
            '10.88.0.3 - ok',
            'fd88::3 - ok',
            '10.88.0.1 10.88.0.2 fail',
            'fd88::1 fd88::2 fail',
            '10.88.0.1 10.88.0.3 ok',
            'fd88::1 fd88::3 ok',
          ].join('\n'),
        );
        const during = siteRules(net, backend);
        for (const line of before.split('\n').filter((l) => l.trim() !== '' && !/^[*:]|COMMIT/.test(l)))
          assert.ok(during.includes(line), `site rule kept: ${line}`);
        assert.match(hostsweep(['contain', '--status']).stdout, /dropped [1-9]\d* packets/);

        const undone = hostsweep(['undo']);
        assert.equal(undone.status, 0, undone.stdout + undone.stderr);
        assert.equal(probe(), allOk);
        assert.equal(siteRules(net, backend), before, 'the site firewall is exactly as before');
      } finally {
        net.close();
        fs.rmSync(state, { recursive: true, force: true });
        fs.rmSync(path.join(os.tmpdir(), `site-${net.id}.nft`), { force: true });
      }
    });
  }
});

describe('contain interrupted half-way', () => {
  it('undo removes everything an apply killed mid-way had added (iptables-legacy)', async () => {
    const net = new NetnsPair();
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-block-state-'));
    try {
      plantSiteRules(net, 'iptables-legacy');
      const before = siteRules(net, 'iptables-legacy');
      // Killed (SIGKILL, by the fault hook) right after the first of its four chains was added.
      const r = net.run(
        net.sender,
        [
          process.execPath,
          scannerBundle(),
          'contain',
          '--block',
          '198.18.0.1',
          '--block',
          '2001:db8::1',
          '--backend',
          'iptables-legacy',
          '--yes',
          '--no-collect',
          '--state',
          state,
        ],
        { env: { HOSTSWEEP_FAULT: 'a1:chain-1' } },
      );
      assert.equal(r.status, null, 'killed');
      const mid = siteRules(net, 'iptables-legacy');
      assert.match(mid, /:HOSTSWEEP-/, 'the apply had started');
      const [run] = fs.readdirSync(path.join(state, 'runs'));
      const journal = fs.readFileSync(path.join(state, 'runs', run, 'journal.jsonl'), 'utf8');
      assert.match(journal, /"phase":"intent"/);
      assert.doesNotMatch(journal, /"phase":"applied"/, 'the apply was cut before it finished');

      const undone = net.run(net.sender, [process.execPath, scannerBundle(), 'undo', '--state', state]);
      assert.equal(undone.status, 0, undone.stdout + undone.stderr);
      assert.equal(siteRules(net, 'iptables-legacy'), before, 'nothing of hostsweep is left');
    } finally {
      net.close();
      fs.rmSync(state, { recursive: true, force: true });
    }
  });
});
