import type { ContentScanFact, WebScriptName } from '../../collect/content/content-scan';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './web-upload-script';

function fact(...paths: string[]): ContentScanFact {
  const webScriptNames: WebScriptName[] = paths.map((path) => ({ path, root: '/var/www', size: 40, mtime: '2026-11-20T03:00:00.000Z' }));
  return { engine: 'yara-x', ruleCount: 12, filesScanned: 1, bytesScanned: 40, ms: 1, matches: [], webScriptNames };
}

testRule(rule, {
  valid: [
    { name: 'no web root', facts: { contentScan: fact() } },
    {
      name: 'template and class files with a second extension',
      facts: { contentScan: fact('/var/www/html/themes/node.tpl.php', '/var/www/html/lib/Db.class.php') },
    },
    { name: 'a .phtml template outside any upload directory', facts: { contentScan: fact('/var/www/shop/app/design/view.phtml') } },
  ],
  invalid: [
    {
      name: 'an image name with .php after it in an upload directory',
      facts: { contentScan: fact('/var/www/html/wp-content/uploads/2026/11/shell.png.php') },
      expect: [
        {
          severity: 'high',
          path: '/var/www/html/wp-content/uploads/2026/11/shell.png.php',
          title: /disguised as a \.png file/,
          evidence: /in an upload directory \(\/uploads\/\)/,
        },
      ],
    },
    {
      name: 'a JSP behind a .jpg name in upload/',
      facts: { contentScan: fact('/var/www/app/upload/x.jpg.jsp') },
      expect: [{ severity: 'high', title: /disguised as a \.jpg file/ }],
    },
    {
      name: 'a disguised script outside upload directories is medium',
      facts: { contentScan: fact('/var/www/html/lib/logo.GIF.php') },
      expect: [{ severity: 'medium', title: /disguised as a \.GIF file/ }],
    },
    {
      name: '.phtml and .php5 in images/ and files/',
      facts: { contentScan: fact('/var/www/html/images/a.phtml', '/var/www/html/sites/default/files/b.php5') },
      expect: [
        { severity: 'high', title: /rarely used \.phtml extension/ },
        { severity: 'high', title: /rarely used \.php5 extension/ },
      ],
    },
  ],
});
