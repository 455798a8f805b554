import { dpkgOwning } from '../../../test/helpers/hook-facts';
import { stockShellFiles, systemFile, userFile } from '../../../test/helpers/stock-shell';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './shell-ld-preload';

const pkgs = dpkgOwning('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2');

testRule(rule, {
  valid: [
    { name: 'stock start-up files', facts: { shellStartup: { files: stockShellFiles() }, packages: pkgs } },
    {
      name: 'LD_PRELOAD cleared or unset',
      facts: {
        shellStartup: { files: [systemFile('/etc/profile.d/clean.sh', 'unset LD_PRELOAD\nexport LD_PRELOAD=\nLD_PRELOAD=""\n')] },
        packages: pkgs,
      },
    },
    {
      name: 'LD_LIBRARY_PATH for an Oracle client is not a preload',
      facts: {
        shellStartup: {
          files: [systemFile('/etc/profile.d/oracle.sh', 'export LD_LIBRARY_PATH=/opt/oracle/instantclient_21_1:$LD_LIBRARY_PATH\n')],
        },
        packages: pkgs,
      },
    },
  ],
  invalid: [
    {
      name: 'library from /dev/shm exported in /etc/environment',
      facts: {
        shellStartup: {
          files: [systemFile('/etc/environment', 'PATH="/usr/local/bin:/usr/bin:/bin"\nLD_PRELOAD="/dev/shm/.x/libc.so.7"\n')],
        },
        packages: pkgs,
      },
      expect: [{ severity: 'critical', path: '/etc/environment', evidence: /^\/etc\/environment:2: LD_PRELOAD=/ }],
    },
    {
      name: 'unowned library exported in root ~/.bashrc',
      facts: {
        shellStartup: { files: [userFile('root', '/root', '.bashrc', 'export LD_PRELOAD=/usr/local/lib/libsshpass.so\n')] },
        packages: pkgs,
      },
      expect: [{ severity: 'high', user: 'root', title: /LD_PRELOAD set at login.*libsshpass/ }],
    },
    {
      name: 'packaged jemalloc preloaded by a user is medium; LD_AUDIT with ~ path',
      facts: {
        shellStartup: {
          files: [
            userFile(
              'app',
              '/srv/app',
              '.profile',
              'export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\nexport LD_AUDIT=~/.audit.so\n',
            ),
          ],
        },
        packages: pkgs,
      },
      expect: [
        { severity: 'critical', title: /LD_AUDIT.*\/srv\/app\/\.audit\.so/ },
        { severity: 'medium', title: /libjemalloc/ },
      ],
    },
  ],
});
