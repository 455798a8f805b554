import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './exe-in-hidden-dir';

testRule(rule, {
  valid: [
    {
      name: 'developer tools in well-known home dot-dirs',
      facts: {
        processes: [
          fakeProcess({ exe: '/root/.vscode-server/bin/abc/node' }),
          fakeProcess({ exe: '/home/ann/.local/bin/poetry' }),
          fakeProcess({ exe: '/home/ann/.nvm/versions/node/v20.1.0/bin/node' }),
          fakeProcess({ exe: '/root/.cargo/bin/rust-analyzer' }),
        ],
      },
    },
    { name: 'system binary', facts: { processes: [fakeProcess()] } },
  ],
  invalid: [
    {
      name: 'triple-dot directory',
      facts: { processes: [fakeProcess({ pid: 800, exe: '/usr/lib/.../x' })] },
      expect: [{ severity: 'high', pid: 800, path: '/usr/lib/.../x' }],
    },
    {
      name: 'dot directory in /tmp',
      facts: { processes: [fakeProcess({ pid: 801, exe: '/tmp/.ICE-unix/.x/sshd' })] },
      expect: [{ severity: 'high', pid: 801 }],
    },
    {
      name: 'directory named by a space',
      facts: { processes: [fakeProcess({ pid: 802, exe: '/var/lib/ /bot' })] },
      expect: [{ severity: 'high', pid: 802 }],
    },
    {
      name: 'unknown dot-dir in a home',
      facts: { processes: [fakeProcess({ pid: 803, exe: '/root/.configrc/a/run' })] },
      expect: [{ severity: 'medium', pid: 803 }],
    },
  ],
});
