import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { DEBIAN_SSHD_CONFIG, ED25519, ED25519_FP, RSA, RSA_FP } from '../../../test/helpers/ssh-fixtures';
import { RootHost } from '../../host/root-host';
import { builtinIntel } from '../../intel/intel';
import { parsePasswd } from '../users';
import accountFiles, { loginDefsUidMin, parseShadow, passwordState } from './account-files';
import sshdConfig, { effectiveOption, splitSshdLine } from './sshd-config';
import { collectKeys, expandKeysPath, parseAuthorizedKeys, parseKeyOptions } from './ssh-keys';
import { collectSudoers, parseSudoersText } from './sudoers';
import { collectContext } from '../../../test/helpers/collect-context';

const roots: FakeRoot[] = [];
after(() => roots.forEach((r) => r.remove()));
function root(): FakeRoot {
  const r = new FakeRoot();
  roots.push(r);
  return r;
}
function run<T>(c: { collect: (ctx: never) => T }, r: FakeRoot, facts = {}): { fact: T; gaps: string[] } {
  const gaps: string[] = [];
  const fact = c.collect(collectContext(new RootHost(r.dir), facts, (p: string, why: string) => gaps.push(`${p}: ${why}`)) as never);
  return { fact, gaps };
}

describe('accountFiles collector', () => {
  it('classifies password fields without keeping hashes', () => {
    assert.deepEqual(passwordState('', false), { kind: 'empty', scheme: null });
    assert.deepEqual(passwordState('x', true), { kind: 'shadowed', scheme: null });
    assert.deepEqual(passwordState('!!', false), { kind: 'locked', scheme: null });
    assert.deepEqual(passwordState('!$6$a$b', false), { kind: 'locked', scheme: null });
    assert.deepEqual(passwordState('$y$j9T$a$b', false), { kind: 'hash', scheme: '$y$' });
    assert.deepEqual(passwordState('abJnggxhB/yWI', true), { kind: 'hash', scheme: 'des' });
    const [e] = parseShadow('root:$6$secretsalt$secrethash:20000:0:99999:7:::');
    assert.equal(e.lastChange, 20000);
    assert.doesNotMatch(JSON.stringify(e), /secret/);
  });

  it('reads an offline root, survives binary junk, reports a missing shadow as a gap', () => {
    const r = root()
      .base()
      .write('/etc/login.defs', 'UID_MIN\t\t\t 500\n')
      .write(
        '/etc/shadow',
        Buffer.concat([Buffer.from('root:$6$s$h:19000::::::\n'), Buffer.from([0, 0xff, 0xfe, 10]), Buffer.from('x'.repeat(100000))]),
      );
    const { fact, gaps } = run(accountFiles, r);
    assert.equal(fact.uidMin, 500);
    assert.equal(fact.shadow.readable, true);
    assert.equal(fact.shadow.entries[0].lastChange, 19000);
    assert.equal(fact.passwd.entries.length, 3);
    assert.deepEqual(gaps, []);
    const bare = root().base();
    fs.rmSync(bare.p('/etc/shadow'));
    const second = run(accountFiles, bare);
    assert.equal(second.fact.shadow.readable, false);
    assert.match(second.gaps[0], /^\/etc\/shadow: ENOENT/);
    assert.equal(loginDefsUidMin(null), 1000);
  });
});

describe('sshdConfig collector', () => {
  it('splits like sshd: "=", quotes, tabs', () => {
    assert.deepEqual(splitSshdLine('AuthorizedKeysFile\t".ssh/my keys"  /etc/ssh/keys/%u'), [
      'AuthorizedKeysFile',
      '.ssh/my keys',
      '/etc/ssh/keys/%u',
    ]);
    assert.deepEqual(splitSshdLine('Port=2222'), ['Port', '2222']);
  });

  it('inlines Include files in sorted order; first value wins; Match blocks are not global', () => {
    const r = root()
      .write(
        '/etc/ssh/sshd_config',
        `${DEBIAN_SSHD_CONFIG}PermitRootLogin no\nMatch User backup\n  PermitRootLogin yes\nMatch all\nPort 22\n`,
      )
      .write('/etc/ssh/sshd_config.d/50-cloud.conf', 'PasswordAuthentication no\n')
      .write('/etc/ssh/sshd_config.d/10-evil.conf', 'PermitRootLogin yes\n')
      .write('/etc/ssh/sshd_config.d/readme.txt', 'PermitRootLogin without-password\n')
      .write('/etc/ssh/ssh_host_ed25519_key', 'k', { mtime: new Date('2025-01-02T03:04:05Z') });
    const { fact, gaps } = run(sshdConfig, r);
    assert.deepEqual(gaps, []);
    assert.equal(fact.present, true);
    assert.deepEqual(
      fact.files.map((f) => f.path),
      ['/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/10-evil.conf', '/etc/ssh/sshd_config.d/50-cloud.conf'],
    );
    const prl = effectiveOption(fact, 'permitrootlogin');
    assert.deepEqual([prl?.args, prl?.file, prl?.line], [['yes'], '/etc/ssh/sshd_config.d/10-evil.conf', 1]);
    assert.equal(fact.options.filter((o) => o.key === 'permitrootlogin' && o.inMatch).length, 1);
    assert.equal(effectiveOption(fact, 'port')?.inMatch, false);
    assert.deepEqual(fact.hostKeyTimes, ['2025-01-02T03:04:05.000Z']);
  });

  it('no OpenSSH server: not present, no gap; an Include loop is bounded', () => {
    assert.equal(run(sshdConfig, root()).fact.present, false);
    const loop = root().write('/etc/ssh/sshd_config', 'Include sshd_config\n');
    const { fact, gaps } = run(sshdConfig, loop);
    assert.ok(fact.files.length <= 9);
    assert.match(gaps.join('\n'), /too deep/);
  });
});

describe('sshKeys collector', () => {
  it('parses options with quoted commas, types, comments and ssh-keygen fingerprints', () => {
    const text = `# comment\n${ED25519}\nno-pty,command="/usr/bin/rrsync -ro /srv, backup",from="10.0.0.0/8" ${RSA}\ngarbage line\nssh-rsa !!!notbase64 x\n`;
    const { keys, malformed } = parseAuthorizedKeys(text, '/root/.ssh/authorized_keys', 'root');
    assert.equal(malformed, 2);
    assert.deepEqual(
      keys.map((k) => [k.line, k.type, k.fingerprint, k.comment]),
      [
        [2, 'ssh-ed25519', ED25519_FP, 'alice@laptop'],
        [3, 'ssh-rsa', RSA_FP, 'deploy'],
        [5, 'ssh-rsa', null, 'x'],
      ],
    );
    assert.deepEqual(keys[1].options, { 'no-pty': '', command: '/usr/bin/rrsync -ro /srv, backup', from: '10.0.0.0/8' });
    assert.match(keys[1].text, /^no-pty,command=.* ssh-rsa AAAAB3NzaC1y…attWiw== deploy$/);
    assert.deepEqual(parseKeyOptions('command="echo \\"hi\\"",no-X11-forwarding'), { command: 'echo "hi"', 'no-x11-forwarding': '' });
  });

  it('expands %h %u %U %% and relative paths', () => {
    const [u] = parsePasswd('bob:x:1001:1001::/home/bob:/bin/bash');
    assert.equal(expandKeysPath('/etc/ssh/keys/%u_%U%%', u), '/etc/ssh/keys/bob_1001%');
    assert.equal(expandKeysPath('%h/.ssh/authorized_keys', u), '/home/bob/.ssh/authorized_keys');
    assert.equal(expandKeysPath('.ssh/authorized_keys2', u), '/home/bob/.ssh/authorized_keys2');
  });

  it('finds keys in homes and AuthorizedKeysFile paths, records modes and shared homes', () => {
    const r = root()
      .write(
        '/etc/passwd',
        'root:x:0:0:root:/root:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\nbob2:x:1002:1002::/home/bob:/bin/bash\n',
      )
      .write('/root/.ssh/authorized_keys', `${ED25519}\n`, { mode: 0o600, mtime: new Date('2026-01-01T00:00:00Z') })
      .write('/home/bob/.ssh/authorized_keys2', `${RSA}\n`, { mode: 0o666 })
      .write('/etc/ssh/keys/bob', `${ED25519}\n`)
      .symlink('/home/bob/.ssh/authorized_keys', '/../../../../etc/shadow');
    const users = parsePasswd(fs.readFileSync(r.p('/etc/passwd'), 'utf8'));
    const cfg = {
      present: true,
      files: [],
      hostKeyTimes: [],
      options: [
        {
          key: 'authorizedkeysfile',
          args: ['.ssh/authorized_keys', '/etc/ssh/keys/%u'],
          file: '/etc/ssh/sshd_config',
          line: 3,
          text: '',
          inMatch: false,
        },
      ],
    };
    const gaps: string[] = [];
    const fact = collectKeys(new RootHost(r.dir), users, cfg, (p, why) => gaps.push(`${p}: ${why}`), builtinIntel().paths);
    const byPath = Object.fromEntries(fact.files.map((f) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath).sort(), ['/etc/ssh/keys/bob', '/home/bob/.ssh/authorized_keys2', '/root/.ssh/authorized_keys']);
    assert.equal(byPath['/root/.ssh/authorized_keys'].mtime, '2026-01-01T00:00:00.000Z');
    assert.equal(byPath['/root/.ssh/authorized_keys'].mode, 0o600);
    assert.equal(byPath['/home/bob/.ssh/authorized_keys2'].mode, 0o666);
    assert.deepEqual(byPath['/home/bob/.ssh/authorized_keys2'].users, ['bob', 'bob2']);
    assert.equal(byPath['/etc/ssh/keys/bob'].via, 'config');
    assert.deepEqual(
      fact.keys.map((k) => `${k.user} ${k.fingerprint}`).sort(),
      [`bob ${ED25519_FP}`, `bob ${RSA_FP}`, `root ${ED25519_FP}`].sort(),
    );
    // The symlink pointing out of the root resolves inside it, where there is no /etc/shadow: a gap, never the host's file.
    assert.match(gaps.join('\n'), /\/home\/bob\/\.ssh\/authorized_keys: ENOENT/);
  });
});

describe('sudoers collector', () => {
  it('parses specs with Runas, carried-over tags, continuations and #uid principals', () => {
    const { entries, includes } = parseSudoersText(
      '# comment\n%sudo\tALL=(ALL:ALL) ALL\ndeploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart nginx, \\\n  /usr/bin/systemctl reload nginx, (www-data) PASSWD: /bin/ls\n#1001 ALL=(ALL) ALL # trailing\n@includedir /etc/sudoers.d\n#include extra\nDefaults:alice !authenticate, env_keep+="LD_PRELOAD"\n',
      '/etc/sudoers',
    );
    assert.deepEqual(includes, [
      { path: '/etc/sudoers.d', dir: true },
      { path: '/etc/extra', dir: false },
    ]);
    const specs = entries.filter((e) => e.kind === 'spec');
    assert.deepEqual(
      specs.map((e) => [e.line, e.scope]),
      [
        [2, '%sudo'],
        [3, 'deploy'],
        [5, '#1001'],
      ],
    );
    assert.deepEqual(specs[1].commands, [
      { runas: 'root', tags: ['NOPASSWD'], command: '/usr/bin/systemctl restart nginx' },
      { runas: 'root', tags: ['NOPASSWD'], command: '/usr/bin/systemctl reload nginx' },
      { runas: 'www-data', tags: ['PASSWD'], command: '/bin/ls' },
    ]);
    assert.equal(specs[2].text, '#1001 ALL=(ALL) ALL');
    const def = entries.find((e) => e.kind === 'defaults');
    assert.deepEqual([def?.scope, def?.items], ['Defaults:alice', ['!authenticate', 'env_keep+="LD_PRELOAD"']]);
  });

  it('follows @includedir like sudo (skips files with "." or "~"), records cloud-init files', () => {
    const r = root()
      .write('/etc/sudoers', 'root ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n')
      .write('/etc/sudoers.d/README', '# nothing\n')
      .write(
        '/etc/sudoers.d/90-cloud-init-users',
        '# Created by cloud-init v. 22.4.2 on Tue, 01 Jul 2025\n\n# User rules for admin\nadmin ALL=(ALL) NOPASSWD:ALL\n',
        { mode: 0o440 },
      )
      .write('/etc/sudoers.d/zz.bak', 'evil ALL=(ALL) NOPASSWD: ALL\n')
      .write('/etc/sudoers.d/old~', 'evil ALL=(ALL) NOPASSWD: ALL\n');
    const { fact, gaps } = run({ collect: ({ host, gap }: never) => collectSudoers(host, gap) }, r);
    assert.deepEqual(gaps, []);
    assert.deepEqual(
      fact.files.map((f) => [f.path, f.generatedBy]),
      [
        ['/etc/sudoers', null],
        ['/etc/sudoers.d/90-cloud-init-users', 'cloud-init'],
        ['/etc/sudoers.d/README', null],
      ],
    );
    assert.deepEqual(
      fact.entries.map((e) => `${e.file}:${e.line} ${e.scope}`),
      ['/etc/sudoers:1 root', '/etc/sudoers.d/90-cloud-init-users:4 admin'],
    );
    assert.deepEqual(fact.entries[1].commands, [{ runas: 'ALL', tags: ['NOPASSWD'], command: 'ALL' }]);
  });
});
