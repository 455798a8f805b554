import { DPKG } from '../../../test/helpers/snapshot';
import { stockShellFiles, systemFile, userFile } from '../../../test/helpers/stock-shell';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './shell-command-shadowing';

testRule(rule, {
  valid: [
    {
      name: 'stock Debian/RHEL files, vte and bash-completion, developer ~/.bashrc with ls/top/ssh/sudo habits',
      facts: { shellStartup: { files: stockShellFiles() }, packages: DPKG },
    },
    {
      name: 'alias to the standard binary by full path',
      facts: { shellStartup: { files: [systemFile('/etc/profile.d/ps.sh', "alias ps='/bin/ps' netstat=/usr/bin/netstat\n")] } },
    },
    {
      name: 'functions with unwatched names (command_not_found_handle, mkcd)',
      facts: { shellStartup: { files: [systemFile('/etc/profile.d/fn.sh', 'mkcd() {\n  mkdir -p "$1" && cd "$1"\n}\n')] } },
    },
  ],
  invalid: [
    {
      name: 'ps and netstat filtered with grep -v in /etc/profile',
      facts: {
        shellStartup: {
          files: [
            systemFile(
              '/etc/profile',
              "export PATH\nalias ps='ps | grep -v xmrig'\nalias netstat=\"netstat -antp | egrep -v '4444|3333'\"\n",
            ),
          ],
        },
      },
      expect: [
        {
          severity: 'high',
          path: '/etc/profile',
          title: /"ps" is shadowed to filter/,
          evidence: /^\/etc\/profile:2: alias ps='ps \| grep -v xmrig'$/,
        },
        { severity: 'high', path: '/etc/profile', title: /"netstat"/, evidence: /:3: / },
      ],
    },
    {
      name: 'ls hiding a directory with --hide, in a user bashrc',
      facts: { shellStartup: { files: [userFile('www', '/var/www', '.bashrc', "alias ls='ls --color=auto --hide=.cache-x'\n")] } },
      expect: [{ severity: 'high', user: 'www', path: '/var/www/.bashrc' }],
    },
    {
      name: 'ssh wrapped by strace logging to /tmp (password sniffing)',
      facts: {
        shellStartup: {
          files: [
            userFile(
              'root',
              '/root',
              '.bashrc',
              "alias ssh='strace -o /tmp/.sshpwd-`date +%d%h%m%s`.log -e read,write,connect -s2048 ssh'\n",
            ),
          ],
        },
      },
      expect: [{ severity: 'critical', user: 'root', title: /temporary or hidden/ }],
    },
    {
      name: 'sudo replaced by a hidden script, and history by a no-op',
      facts: {
        shellStartup: {
          files: [userFile('admin', '/home/admin', '.bash_aliases', "alias sudo='/home/admin/.sudo'\nalias history='echo'\n")],
        },
        packages: DPKG,
      },
      expect: [
        { severity: 'critical', title: /"sudo"/ },
        { severity: 'medium', title: /"history" is replaced/ },
      ],
    },
    {
      name: 'ps() function filtering its output, and a harmless-looking ssh() wrapper',
      facts: {
        shellStartup: {
          files: [
            systemFile(
              '/etc/profile.d/z.sh',
              'ps() {\n  command ps "$@" | grep -v -E "kworkerds|sshd2"\n}\nssh() {\n  printf "\\033k%s\\033\\\\" "$1"\n  command ssh "$@"\n}\n',
            ),
          ],
        },
      },
      expect: [
        { severity: 'high', evidence: /z\.sh:1: ps\(\) \{/ },
        { severity: 'low', title: /function named "ssh"/ },
      ],
    },
  ],
});
