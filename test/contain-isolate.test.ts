import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO, scannerBundle } from './helpers/namespace';
import { NetnsPair, waitForLine } from './helpers/netns-pair';

// `contain --isolate` from an SSH session: everything is dropped except loopback, the session's
// own port (taken from SSH_CONNECTION, in both directions) and the operator's address; `undo`
// opens everything again.

const SSH_PORT = 2222;
const OTHER = 7070;
const mgmt = path.join(REPO, 'test/fixtures/c/mgmt.cjs');

describe('contain --isolate', { concurrency: false }, () => {
  for (const backend of ['nft', 'iptables']) {
    it(`keeps only the management path (${backend})`, async () => {
      const net = new NetnsPair();
      const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-isolate-state-'));
      try {
        net.run(net.receiver, ['ip', 'addr', 'add', '10.88.0.3/24', 'dev', net.receiverDev]);
        for (const port of [SSH_PORT, OTHER])
          await waitForLine(net.start(net.sender, [process.execPath, mgmt, 'serve', String(port)]), /listening/);
        await waitForLine(net.start(net.receiver, [process.execPath, mgmt, 'serve', String(OTHER)]), /listening/);
        const probe = () => {
          const inbound = net.run(net.receiver, [
            process.execPath,
            mgmt,
            'probe',
            `10.88.0.1,${SSH_PORT},10.88.0.2`,
            `fd88::1,${SSH_PORT},fd88::2`,
            `10.88.0.1,${OTHER},10.88.0.2`,
            `fd88::1,${OTHER},fd88::2`,
            `10.88.0.1,${OTHER},10.88.0.3`,
          ]).stdout;
          const outbound = net.run(net.sender, [
            process.execPath,
            mgmt,
            'probe',
            `10.88.0.2,${OTHER}`,
            `10.88.0.3,${OTHER}`,
            `127.0.0.1,${OTHER}`,
          ]).stdout;
          return `${inbound}${outbound}`.trim().split('\n');
        };
        const open = probe();
        assert.ok(
          open.every((l) => l.endsWith(' ok')),
          open.join('\n'),
        );
        // The operator is logged in from 10.88.0.3 to port 2222.
        const env = { SSH_CONNECTION: `10.88.0.3 50000 10.88.0.1 ${SSH_PORT}`, LANG: 'C.UTF-8' };
        const dry = net.run(
          net.sender,
          [process.execPath, scannerBundle(), 'contain', '--isolate', '--backend', backend, '--state', state],
          { env },
        );
        assert.match(dry.stdout, /drop everything except loopback, TCP port 2222 and 10\.88\.0\.3/);
        assert.ok(
          probe().every((l) => l.endsWith(' ok')),
          'a dry run changes nothing',
        );
        const applied = net.run(
          net.sender,
          [process.execPath, scannerBundle(), 'contain', '--isolate', '--backend', backend, '--yes', '--no-collect', '--state', state],
          {
            env,
          },
        );
        assert.equal(applied.status, 0, applied.stdout + applied.stderr);
        assert.deepEqual(probe(), [
          '10.88.0.1 10.88.0.2 ok', // the SSH port stays reachable from anywhere
          'fd88::1 fd88::2 ok',
          '10.88.0.1 10.88.0.2 fail',
          'fd88::1 fd88::2 fail',
          '10.88.0.1 10.88.0.3 ok', // the operator's address keeps everything
          '10.88.0.2 - fail',
          '10.88.0.3 - ok',
          '127.0.0.1 - ok',
        ]);
        const undone = net.run(net.sender, [process.execPath, scannerBundle(), 'undo', '--state', state]);
        assert.equal(undone.status, 0, undone.stdout + undone.stderr);
        assert.deepEqual(probe(), open);
      } finally {
        net.close();
        fs.rmSync(state, { recursive: true, force: true });
      }
    });
  }
});
