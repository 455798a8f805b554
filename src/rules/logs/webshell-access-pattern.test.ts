import zlib from 'node:zlib';
import { repeat } from '../../../test/helpers/auth-log';
import { accessLine, webAccessFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './webshell-access-pattern';

const at = (i: number) => new Date(Date.parse('2026-11-19T03:00:00Z') + i * 7000).toISOString();
const site = repeat(60, (i) => accessLine(`198.51.100.${i}`, at(i), 'GET', '/index.php?p=' + i)).join('');
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** A shop with search, paging, sorting, login redirects and signed tokens in its query strings. */
const shop = repeat(80, (i) =>
  accessLine(
    `192.0.2.${i % 40}`,
    at(i),
    'GET',
    [
      '/search.php?q=cat+food&page=2',
      '/search.php?q=system+requirements',
      '/search.php?q=id+card+holder',
      '/product.php?id=42&sort=price',
      `/login.php?redirect=${b64('https://shop.example/account')}`,
      '/cart.php?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
      '/index.php?cmd=whoami',
      `/search.php?q=${encodeURIComponent('how to run ls in bash')}`,
    ][i % 8],
  ),
).join('');

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
      name: 'a normal site with query strings and search pages, and a scanner sending ?cmd=whoami to the busy index.php',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log': site + shop + accessLine('203.0.113.9', at(200), 'GET', '/index.php?cmd=whoami;id&x=/bin/sh'),
        }),
      },
    },
    {
      name: 'GET probes for webshells that are not there (404), and one admin on a private report page',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log':
            shop +
            repeat(20, (i) => accessLine('203.0.113.9', at(i), 'GET', `/shell.php?cmd=id&n=${i}`, 404)).join('') +
            repeat(10, (i) => accessLine('198.51.100.7', at(i), 'GET', `/admin/report.php?month=${i}`)).join(''),
        }),
      },
    },
    {
      name: 'images and a PHP in uploads that answered only 404',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log':
            shop + repeat(10, (i) => accessLine('45.67.89.10', at(i), 'GET', '/wp-content/uploads/x.php', 404)).join(''),
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
    {
      name: 'a theme file answering commands in GET query strings, plain and base64',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/nginx/access.log':
            shop +
            accessLine('45.67.89.10', at(100), 'GET', '/wp-content/themes/twenty/404.php?c=whoami') +
            accessLine('45.67.89.10', at(101), 'GET', '/wp-content/themes/twenty/404.php?c=uname%20-a') +
            accessLine('45.67.89.11', at(102), 'GET', `/wp-content/themes/twenty/404.php?z0=${encodeURIComponent(b64('system("id");'))}`) +
            accessLine('45.67.89.10', at(103), 'GET', '/wp-content/themes/twenty/404.php'),
        }),
      },
      expect: [
        {
          severity: 'high',
          path: '/wp-content/themes/twenty/404.php',
          ip: '45.67.89.10',
          title:
            /^Possible webshell \/wp-content\/themes\/twenty\/404\.php: commands in GET query strings from 45\.67\.89\.10, 45\.67\.89\.11$/,
          evidence: /3 requests \(3 answered 2xx\)[\s\S]*\?c=whoami HTTP[\s\S]*base64 parameter decodes to: system\("id"\);/,
        },
      ],
    },
    {
      name: 'a script in an upload directory answering one address',
      facts: {
        webAccess: webAccessFacts({
          '/var/log/apache2/access.log':
            shop + repeat(5, (i) => accessLine('45.67.89.10', at(i), 'GET', '/upload/avatar.png.php')).join(''),
        }),
      },
      expect: [
        {
          severity: 'medium',
          path: '/upload/avatar.png.php',
          ip: '45.67.89.10',
          title: /a script in \/upload\/ answered 5 requests from 45\.67\.89\.10 only/,
        },
      ],
    },
  ],
});
