import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { audit, type HardenCheck } from '../src/harden/audit';
import { lockoutReason, operatorLogin } from '../src/harden/lockout';
import type { Facts } from '../src/model/facts';
import { FakeRoot } from './helpers/fake-root';
import { compileC, inNamespace, scannerBundle } from './helpers/namespace';
import { ED25519 } from './helpers/ssh-fixtures';

// harden on offline roots: the audit fires on weak settings and stays silent on good ones;
// --apply --yes fixes sshd_config without locking anyone out, and undo restores it byte for byte.

function hostsweep(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WEAK_SSHD =
  '# weak on purpose\r\nInclude /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nPasswordAuthentication yes\nMaxAuthTries 10\nPermitEmptyPasswords yes\nUsePAM yes\n';
const roots: FakeRoot[] = [];
const states: string[] = [];
after(() => {
  for (const r of roots) r.remove();
  for (const s of states) fs.rmSync(s, { recursive: true, force: true });
});

function weakRoot(withKey: boolean): FakeRoot {
  const r = new FakeRoot()
    .write(
      '/etc/passwd',
      'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n',
    )
    .write('/etc/group', 'root:x:0:\nalice:x:1000:\nbob:x:1001:\n')
    .write(
      '/etc/shadow',
      'root:$6$r$aaaa:19000:0:99999:7:::\nalice:$6$s$same:19000:0:99999:7:::\nbob:$6$s$same:19000:0:99999:7:::\nguest::19000:0:99999:7:::\n',
    )
    .write('/etc/ssh/sshd_config', WEAK_SSHD, { mode: 0o600, mtime: new Date('2025-06-01T10:00:00Z') })
    .write('/etc/redis/redis.conf', 'bind 0.0.0.0\nprotected-mode no\n')
    .write('/etc/docker/daemon.json', '{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]}\n');
  r.write('/etc/passwd', `${fs.readFileSync(r.p('/etc/passwd'), 'utf8')}guest:x:1002:1002::/home/guest:/bin/sh\n`);
  if (withKey) r.write('/home/alice/.ssh/authorized_keys', `${ED25519}\n`);
  roots.push(r);
  return r;
}

function goodRoot(): FakeRoot {
  const r = new FakeRoot()
    .write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n')
    .write('/etc/group', 'root:x:0:\n')
    .write('/etc/shadow', 'root:$6$r$aaaa:19000:0:99999:7:::\n')
    .write(
      '/etc/ssh/sshd_config',
      'PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\nUsePAM yes\n',
    )
    .write('/usr/bin/fail2ban-server', '#!/bin/sh\n', { mode: 0o755 })
    .write('/etc/fail2ban/jail.conf', '[DEFAULT]\nbantime = 10m\n[sshd]\nport = ssh\n')
    .write('/etc/fail2ban/jail.d/defaults-debian.conf', '[sshd]\nenabled = true\n')
    .symlink('/etc/systemd/system/multi-user.target.wants/fail2ban.service', '/lib/systemd/system/fail2ban.service')
    .write(
      '/etc/nftables.conf',
      'table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    tcp dport 22 accept\n  }\n}\n',
    )
    .symlink('/etc/systemd/system/sysinit.target.wants/nftables.service', '/lib/systemd/system/nftables.service')
    .write('/etc/apt/apt.conf.d/20auto-upgrades', 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n')
    .write('/usr/bin/unattended-upgrade', '#!/usr/bin/python3\n', { mode: 0o755 })
    .write('/usr/sbin/auditd', '\x7fELF', { mode: 0o755 })
    .symlink('/etc/systemd/system/multi-user.target.wants/auditd.service', '/lib/systemd/system/auditd.service')
    .write('/etc/redis/redis.conf', 'bind 127.0.0.1 -::1\nprotected-mode yes\n')
    .write('/etc/mysql/mariadb.conf.d/50-server.cnf', '[mysqld]\nbind-address = 127.0.0.1\n')
    .write('/etc/postgresql/15/main/postgresql.conf', "listen_addresses = 'localhost'\n")
    .write('/etc/postgresql/15/main/pg_hba.conf', 'local all postgres peer\nhost all all 127.0.0.1/32 trust\n')
    .write('/root/.ssh/authorized_keys', `${ED25519}\n`);
  roots.push(r);
  return r;
}

const status = (checks: HardenCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('harden audit', () => {
  it('fires on a weak root: sshd, fail2ban, firewall, Redis, Docker API, shared and empty passwords, updates, auditd', () => {
    const s = status(audit(weakRoot(false).dir, 'en').checks);
    for (const id of [
      'sshd.permit-root-login',
      'sshd.password-authentication',
      'sshd.max-auth-tries',
      'sshd.permit-empty-passwords',
      'sshd.keys-only',
      'fail2ban.sshd',
      'firewall.default-policy',
      'service.redis',
      'service.docker',
      'accounts.duplicate-password',
      'accounts.empty-password',
      'updates.automatic',
      'auditd.enabled',
    ])
      assert.equal(s[id], 'fail', id);
  });

  it('stays silent on a hardened root', () => {
    const checks = audit(goodRoot().dir, 'zh-CN').checks;
    const failing = checks.filter((c) => c.status !== 'pass');
    assert.deepEqual(
      failing.map((c) => `${c.id}: ${c.evidence.join(' | ')}`),
      [],
    );
    assert.ok(
      checks.some((c) => c.id === 'service.postgresql'),
      'PostgreSQL judged (local trust is fine)',
    );
    assert.match(checks[0].title, /SSH/);
  });

  it('PostgreSQL trusting remote hosts and MySQL on all addresses fail', () => {
    const r = new FakeRoot()
      .write('/etc/postgresql/15/main/postgresql.conf', "listen_addresses = '*'\n")
      .write('/etc/postgresql/15/main/pg_hba.conf', 'host all all 0.0.0.0/0 trust\n')
      .write('/etc/my.cnf', '[mysqld]\nbind-address=0.0.0.0\n')
      .write('/var/lib/jenkins/config.xml', '<hudson><useSecurity>false</useSecurity></hudson>\n');
    roots.push(r);
    const checks = audit(r.dir, 'en').checks;
    const pg = checks.find((c) => c.id === 'service.postgresql');
    assert.equal(pg?.status, 'fail');
    assert.equal(pg?.severity, 'critical');
    assert.equal(status(checks)['service.mysql'], 'fail');
    assert.equal(status(checks)['service.jenkins'], 'fail');
  });
});

describe('harden --apply', () => {
  it('fixes a weak sshd_config, and undo restores it byte for byte', () => {
    const root = weakRoot(true);
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-harden-state-'));
    states.push(state);
    const file = root.p('/etc/ssh/sshd_config');
    const before = fs.readFileSync(file);
    const beforeStat = fs.statSync(file);

    const dry = hostsweep(['harden', '--root', root.dir, '--apply', '--state', state]);
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(dry.stdout, /Dry run: nothing was changed/);
    assert.deepEqual(fs.readFileSync(file), before, 'a dry run changes nothing');

    const run = hostsweep(['harden', '--root', root.dir, '--apply', '--yes', '--state', state]);
    assert.equal(run.status, 1, run.stderr);
    const after = fs.readFileSync(file, 'utf8');
    assert.match(after, /^# hostsweep harden: begin/);
    for (const line of [
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'MaxAuthTries 3',
      'PermitEmptyPasswords no',
      'KbdInteractiveAuthentication no',
    ])
      assert.ok(after.split('\n').slice(0, 8).includes(line), `${line} at the top:\n${after}`);
    assert.ok(after.endsWith(WEAK_SSHD), 'the original text follows unchanged');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'mode kept');
    const s = status(audit(root.dir, 'en').checks);
    for (const id of [
      'sshd.permit-root-login',
      'sshd.password-authentication',
      'sshd.max-auth-tries',
      'sshd.permit-empty-passwords',
      'sshd.keys-only',
    ])
      assert.equal(s[id], 'pass', `${id} after apply`);

    const undo = hostsweep(['undo', '--root', root.dir, '--state', state]);
    assert.equal(undo.status, 0, undo.stdout + undo.stderr);
    assert.deepEqual(fs.readFileSync(file), before, 'byte-identical after undo');
    assert.equal(fs.statSync(file).mtimeMs, beforeStat.mtimeMs, 'modification time restored');
    assert.equal(fs.statSync(file).mode, beforeStat.mode);
  });

  for (const point of ['temp-written', 'renamed']) {
    it(`killed at "${point}", undo still restores sshd_config byte for byte`, () => {
      const root = weakRoot(true);
      const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-harden-state-'));
      states.push(state);
      const file = root.p('/etc/ssh/sshd_config');
      const before = fs.readFileSync(file);
      const run = hostsweep(['harden', '--root', root.dir, '--apply', '--yes', '--state', state], { HOSTSWEEP_FAULT: `h1:${point}` });
      assert.notEqual(run.status, 1, 'the run was killed before it finished');
      assert.equal(hostsweep(['undo', '--root', root.dir, '--state', state]).status, 0);
      assert.deepEqual(fs.readFileSync(file), before);
      assert.deepEqual(
        fs.readdirSync(root.p('/etc/ssh')).filter((n) => n.includes('hostsweep')),
        [],
        'no temporary file left',
      );
    });
  }

  it('refuses to turn off passwords when no account could then log in by key', () => {
    const root = weakRoot(false);
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-harden-state-'));
    states.push(state);
    const run = hostsweep(['harden', '--root', root.dir, '--apply', '--yes', '--state', state]);
    assert.match(run.stdout, /2 actions refused/);
    assert.match(run.stdout, /no account with a login shell has an authorized key; PasswordAuthentication no would leave no way in/);
    const after = fs.readFileSync(root.p('/etc/ssh/sshd_config'), 'utf8');
    assert.ok(!after.includes('PasswordAuthentication no'));
    assert.ok(after.includes('PermitEmptyPasswords no'), 'the safe settings are still applied');
  });
});

describe('lockout rules for the live system', () => {
  const facts = (lines: string[], keyed: string[] = []): Partial<Facts> =>
    ({
      authLog: {
        files: [],
        timeZone: null,
        sources: [],
        targets: [],
        totalAttempts: 0,
        accepted: lines.map((line) => {
          const m = /Accepted (\S+) for (\S+) from (\S+)/.exec(line) as RegExpExecArray;
          return {
            time: null,
            user: m[2],
            ip: m[3],
            method: m[1],
            path: '/var/log/auth.log',
            line,
            attemptsBefore: 0,
            firstFailure: null,
            lastFailure: null,
          };
        }),
      },
      sshKeys: {
        files: keyed.map((u) => ({ path: `/home/${u}/.ssh/authorized_keys`, users: [u] })),
        keys: keyed.map((u) => ({ file: `/home/${u}/.ssh/authorized_keys`, user: u, fingerprint: 'SHA256:x' })),
      },
    }) as unknown as Partial<Facts>;

  it('finds the operator session through the sshd ancestor that logged it', () => {
    const f = facts(['Nov 30 07:00:01 h sshd[4242]: Accepted password for alice from 192.0.2.5 port 50123 ssh2']);
    const op = operatorLogin(f, {}, [9000, 8000, 4242, 1]);
    assert.deepEqual([op.via, op.user, op.method, op.ip], ['ssh', 'alice', 'password', '192.0.2.5']);
    assert.equal(operatorLogin(f, { SSH_CONNECTION: '192.0.2.5 50123 10.0.0.1 22' }, [9000]).method, 'password');
    assert.equal(operatorLogin(f, { SSH_CONNECTION: '198.51.100.1 4000 10.0.0.1 22' }, [9000]).via, 'unknown');
    assert.equal(operatorLogin(f, {}, [9000]).via, 'local');
  });

  it('refuses what would lock out the operator, allows what would not', () => {
    const pwd = { via: 'ssh' as const, user: 'alice', method: 'password', ip: '192.0.2.5' };
    const key = { via: 'ssh' as const, user: 'alice', method: 'publickey', ip: '192.0.2.5' };
    assert.match(lockoutReason('PasswordAuthentication', 'no', facts([], ['alice']), 'live', pwd)?.en ?? '', /with a password/);
    assert.equal(lockoutReason('PasswordAuthentication', 'no', facts([], ['alice']), 'live', key), null);
    assert.match(lockoutReason('PasswordAuthentication', 'no', facts([], []), 'live', key)?.en ?? '', /alice has no authorized key/);
    assert.equal(lockoutReason('PermitRootLogin', 'prohibit-password', facts([], []), 'live', pwd), null, 'alice is not root');
    assert.ok(lockoutReason('PermitRootLogin', 'prohibit-password', facts([], []), 'live', { ...pwd, user: 'root' }));
    assert.ok(lockoutReason('PasswordAuthentication', 'no', facts([]), 'live', { via: 'unknown' }));
    assert.equal(lockoutReason('MaxAuthTries', '3', facts([]), 'live', pwd), null);
    assert.equal(lockoutReason('PasswordAuthentication', 'no', facts([], []), 'live', { via: 'local' }), null, 'at the console');
  });
});

describe('harden on a live system (namespaces)', () => {
  it('names a Redis and a Docker API port listening on all addresses', () => {
    const listener = compileC(
      'listen-any',
      `#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int c, char **v) {
  for (int i = 1; i < c; i++) {
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET; a.sin_port = htons(atoi(v[i])); a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 4)) return 1;
  }
  pause();
}
`,
    );
    const run = inNamespace(`
      ${listener} 6379 2375 & sleep 0.3
      ${JSON.stringify(process.execPath)} ${JSON.stringify(scannerBundle())} harden --json || true`);
    const doc = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { checks: HardenCheck[] };
    const listening = doc.checks.filter((c) => c.id === 'service.listening');
    for (const [service, port] of [
      ['Redis', 6379],
      ['Docker API', 2375],
    ] as const) {
      const c = listening.find((x) => x.title.startsWith(service));
      assert.equal(c?.status, 'fail', `${service}: ${JSON.stringify(listening.map((x) => x.evidence))}`);
      assert.match(c?.evidence[0] ?? '', new RegExp(`^tcp 0\\.0\\.0\\.0:${port} LISTEN \\(pids \\d+\\)$`));
    }
  });
});
