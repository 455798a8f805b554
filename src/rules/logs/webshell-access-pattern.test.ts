import zlib from 'node:zlib';
import { repeat } from '../../../test/helpers/auth-log';
import { accessLine, webAccessFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './webshell-access-pattern';

const at = (i: number) => new Date(Date.parse('2026-11-19T03:00:00Z') + i * 7000).toISOString();
const site = repeat(60, (i) => accessLine(`198.51.100.${i}`, at(i), 'GET', '/index.php?p=' + i)).join('');

testRule(rule, {
  valid: [
    {
      name: 'one admin saving posts through the WordPress admin',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log':
            site + repeat(40, (i) => accessLine('198.51.100.7', at(i), 'POST', '/wp-admin/admin-ajax.php')).join(''),
        }),
      },
    },
    {
      name: 'a single brute-forcer hammering wp-login.php',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': repeat(200, (i) => accessLine('203.0.113.9', at(i), 'POST', '/wp-login.php')).join(''),
        }),
      },
    },
    {
      name: 'scanners POSTing to shells that do not exist (404)',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/apache2/access.log': repeat(50, (i) => accessLine('203.0.113.9', at(i), 'POST', '/wp-content/uploads/x.php', 404)).join(
            '',
          ),
        }),
      },
    },
    {
      name: 'a busy API endpoint used by many clients',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': repeat(100, (i) => accessLine(`192.0.2.${i % 30}`, at(i), 'POST', '/app/submit.php')).join(''),
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'two addresses POSTing to a PHP file in uploads (gzipped rotation)',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': site,
          '/var/log/nginx/access.log.2.gz': zlib.gzipSync(
            repeat(30, (i) =>
              accessLine(
                i % 3 ? '45.67.89.10' : '45.67.89.11',
                at(i),
                'POST',
                '/wp-content/uploads/2026/11/x.php',
                200,
                'Mozilla/5.0 (compatible; MSIE 9.0)',
              ),
            ).join(''),
          ),
        }),
      },
      expect: [
        {
          severity: 'high',
          path: '/wp-content/uploads/2026/11/x.php',
          ip: '45.67.89.10',
          title: /30 POSTs from 2 address/,
          evidence: /45\.67\.89\.10×20, 45\.67\.89\.11×10/,
        },
      ],
    },
    {
      name: 'a script nobody else requests, driven by one address (httpd)',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/httpd/access_log': site + repeat(25, (i) => accessLine('45.67.89.10', at(i), 'POST', '/inc/config.bak.php')).join(''),
        }),
      },
      expect: [{ path: '/inc/config.bak.php', ip: '45.67.89.10' }],
    },
  ],
});
