import { repeat } from '../../../test/helpers/auth-log';
import { accessLine, webAccessFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './web-attack-traffic';

const at = (i: number) => new Date(Date.parse('2026-11-19T03:00:00Z') + i * 7000).toISOString();

testRule(rule, {
  valid: [
    {
      name: 'browsers, curl and an app with a cmd=login parameter',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': [
            accessLine('198.51.100.7', at(0), 'GET', '/index.php?cmd=login'),
            accessLine('198.51.100.8', at(1), 'GET', '/shop/cart.php?id=5', 200, 'curl/8.4.0'),
            accessLine('198.51.100.9', at(2), 'GET', '/index.php?page=system-status'),
            'garbage \u0000\u00ff line\n',
          ].join(''),
        }),
      },
    },
    {
      name: 'probing for shells that do not exist',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': repeat(5, (i) => accessLine('203.0.113.9', at(i), 'GET', `/shell.php?cmd=id`, 404)).join(''),
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'AntSword client and sqlmap',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': [
            ...repeat(3, (i) => accessLine('45.67.89.10', at(i), 'POST', '/up/a.php', 200, 'antSword/v2.1')),
            ...repeat(4, (i) =>
              accessLine('203.0.113.5', at(i), 'GET', `/item.php?id=1%27`, 500, 'sqlmap/1.7.2#stable (https://sqlmap.org)'),
            ),
          ].join(''),
        }),
      },
      expect: [
        { severity: 'high', ip: '45.67.89.10', title: /antsword requests in the web logs: 3 from 45\.67\.89\.10/ },
        { severity: 'medium', ip: '203.0.113.5', title: /sqlmap/ },
      ],
    },
    {
      name: 'command parameter answered 200 by a known webshell name',
      facts: {
        webAccess: webAccessFacts({ '/var/log/apache2/access.log': accessLine('45.67.89.10', at(0), 'GET', '/images/c99.php?cmd=whoami') }),
      },
      expect: [
        { severity: 'medium', path: '/images/c99.php', ip: '45.67.89.10', title: /Successful webshell-style request: \/images\/c99\.php$/ },
        { path: '/images/c99.php', title: /\?cmd=whoami/ },
      ],
    },
  ],
});
