import { stockShellFiles, systemFile, userFile } from '../../../test/helpers/stock-shell';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './shell-hidden-binary';

testRule(rule, {
  valid: [
    {
      name: 'stock start-up files sourcing ~/.bash_aliases, nvm, cargo, sdkman, blesh',
      facts: { shellStartup: { files: stockShellFiles() } },
    },
    {
      name: 'tmp paths as data, not programs',
      facts: {
        shellStartup: {
          files: [
            systemFile(
              '/etc/profile.d/tmp.sh',
              'export TMPDIR=/tmp/$USER\nmkdir -p /tmp/$USER\n[ -d /dev/shm/cache ] || mkdir /dev/shm/cache\ncd /tmp\n',
            ),
          ],
        },
      },
    },
    {
      name: 'a dot-file tool sourced (not backgrounded) from the home',
      facts: {
        shellStartup: {
          files: [userFile('dev', '/home/dev', '.bashrc', '[ -f ~/.fzf.bash ] && source ~/.fzf.bash\n. /home/dev/.git-prompt.sh\n')],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'nohup binary from /var/tmp in /etc/profile.d',
      facts: { shellStartup: { files: [systemFile('/etc/profile.d/kworker.sh', 'nohup /var/tmp/kworkerds >/dev/null 2>&1 &\n')] } },
      expect: [{ severity: 'high', path: '/etc/profile.d/kworker.sh', title: /temporary directory: \/var\/tmp\/kworkerds/ }],
    },
    {
      name: 'hidden dot-file started in the background from the user home',
      facts: { shellStartup: { files: [userFile('ubuntu', '/home/ubuntu', '.profile', '~/.config/.sysd -c ~/.config/.sysd.json &\n')] } },
      expect: [{ severity: 'high', user: 'ubuntu', title: /hidden program: \/home\/ubuntu\/\.config\/\.sysd/ }],
    },
    {
      name: 'program in a hidden system directory, even in the foreground',
      facts: { shellStartup: { files: [userFile('root', '/root', '.bashrc', 'if [ -x /usr/lib/.sshd/x ]; then /usr/lib/.sshd/x; fi\n')] } },
      expect: [{ severity: 'high', title: /\/usr\/lib\/\.sshd\/x/, evidence: /root\/\.bashrc:1: if/ }],
    },
  ],
});
