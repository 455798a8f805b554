import { testRule } from '../../../test/helpers/rule-tester';
import rule from './hidden-port';

const probe = { families: ['tcp4', 'tcp6', 'udp4', 'udp6'] as const, portsProbed: 1087, deep: false, ms: 90 };

testRule(rule, {
  valid: [{ name: 'every held port is in the tables', facts: { hiddenPorts: { ...probe, families: [...probe.families], hidden: [] } } }],
  invalid: [
    {
      name: 'bind shell on 4444 filtered out of /proc/net/tcp, UDP C2 on 53413',
      facts: {
        hiddenPorts: {
          ...probe,
          families: [...probe.families],
          hidden: [
            { proto: 'tcp', family: 'tcp4', port: 4444 },
            { proto: 'udp', family: 'udp6', port: 53413 },
          ],
        },
      },
      expect: [
        { severity: 'high', title: /Hidden tcp port 4444/, evidence: /bind 0\.0\.0\.0:4444 \(tcp4\): EADDRINUSE/ },
        { severity: 'high', title: /Hidden udp port 53413/, evidence: /bind \[::\]:53413 \(udp6\)/ },
      ],
    },
  ],
});
