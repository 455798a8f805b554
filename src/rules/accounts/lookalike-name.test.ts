import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_GROUP, DEBIAN_PASSWD } from '../../../test/helpers/accounts';
import { builtinIntel } from '../../intel/intel';
import { lookalikeOf } from './lookalike';
import rule from './lookalike-name';

const people = [
  'james',
  'damon',
  'dan',
  'lisa',
  'hal',
  'mike',
  'backups',
  'sam',
  'newton',
  'admins',
  'rooney',
  'sysadmin',
  'bind',
  'ssh-keys',
];
const std = [...builtinIntel().accounts.systemUsers, ...builtinIntel().accounts.impersonatedNames];

it('lookalike: ordinary person names and standard names are not look-alikes', () => {
  for (const n of people) assert.equal(lookalikeOf(n, std), null, n);
  for (const n of std) assert.equal(lookalikeOf(n, std), null, n);
});

it('lookalike: attacker spellings are', () => {
  const cases: Record<string, string> = {
    maill: 'mail',
    r00t: 'root',
    sysadm1n: 'sysadmin',
    'systemd-network1': 'systemd-network',
    ssh: 'sshd',
    deamon: 'daemon',
    Root: 'root',
    rooot: 'root',
    'www-dat4': 'www-data',
    adm1n: 'admin',
  };
  for (const [n, like] of Object.entries(cases)) assert.equal(lookalikeOf(n, std), like, n);
});

testRule(rule, {
  valid: [
    { name: 'Debian accounts and groups (including the ssh group)', facts: accountFacts() },
    {
      name: 'people whose names are one letter from a system name',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\njames:x:1001:1001::/home/james:/bin/bash\ndamon:x:1002:1002::/home/damon:/bin/bash`,
        group: `${DEBIAN_GROUP}james:x:1001:\ndamon:x:1002:\n`,
      }),
    },
  ],
  invalid: [
    {
      name: 'maill user with bash and its maill group (seed 000)',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\nmaill:x:1001:1001::/home/maill:/bin/bash`,
        group: `${DEBIAN_GROUP}maill:x:1001:\n`,
      }),
      expect: [{ severity: 'high', user: 'maill', path: '/etc/passwd', title: /maill imitates the system name "mail"/ }],
    },
    {
      name: 'r00t with nologin is medium; lone look-alike group',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nr00t:x:998:998::/:/usr/sbin/nologin`, group: `${DEBIAN_GROUP}sudoo:x:999:alice\n` }),
      expect: [
        { severity: 'medium', user: 'r00t', title: /"root"/ },
        { severity: 'medium', path: '/etc/group', title: /Group sudoo imitates the system group "sudo"/ },
      ],
    },
  ],
});
