import { localized } from '../../i18n/phrases';
import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import type { Severity } from '../../model/finding';

export default defineRule({
  meta: {
    id: 'logs/webshell-content',
    category: 'webshell',
    severity: 'critical',
    attack: ['T1505.003'],
    status: 'stable',
    description:
      'Server-side script under a web root whose code feeds request input into code or command execution (China Chopper one-liners, packed PHP shells, Behinder/Godzilla, JSP Runtime.exec shells, ASP eval). Single keywords such as base64_decode are not enough.',
    falsePositives: [
      'Admin tools such as phpMyAdmin-like consoles or deployment hooks that deliberately run commands from a request; they should not be reachable from the Internet either.',
    ],
    references: ['https://attack.mitre.org/techniques/T1505/003/'],
    uses: ['webScripts'],
    messages: {
      shell: {
        en: {
          title: 'Webshell code in {path}: {description}',
          detail:
            '{path} (modified {mtime}) contains {description} [{patterns}]. Anyone who knows its URL can run commands as the web server user; miners and bots are often installed this way.',
          action:
            'Preserve it (cp -a {path} /root/evidence/; sha256sum {path}), find who requested it (grep -F "$(basename {path})" /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*), then remove it and look for siblings changed at the same time (find $(dirname {path}) -newermt "{mtime}" -type f).',
        },
        'zh-CN': {
          title: '{path} 中发现 WebShell 代码：{description}',
          detail:
            '{path}（修改时间 {mtime}）包含{description} [{patterns}]。知道其 URL 的任何人都能以 Web 服务用户身份执行命令；挖矿和僵尸程序常通过这种方式植入。',
          action:
            '保全文件（cp -a {path} /root/evidence/；sha256sum {path}），查找访问者（grep -F "$(basename {path})" /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*），然后删除，并查找同一时间修改的其他文件（find $(dirname {path}) -newermt "{mtime}" -type f）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const patterns = intel.logs.webshellContent.map((p) => ({ ...p, res: p.all.map((x) => new RegExp(x, 'i')) }));
    const rank: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    for (const f of snapshot.facts.webScripts?.files ?? []) {
      const text = f.snippets.join('\n');
      const hits = patterns.filter((p) => p.res.every((re) => re.test(text)));
      if (hits.length === 0) continue;
      const severity = rank[Math.min(...hits.map((h) => rank.indexOf(h.severity as Severity)).filter((i) => i >= 0))] ?? 'high';
      const lines = f.snippets.filter((s) => hits.some((h) => h.res.some((re) => re.test(s))));
      report({
        messageId: 'shell',
        severity,
        data: {
          path: f.path,
          description: localized(hits[0].description, hits[0].zh),
          patterns: hits.map((h) => h.id).join(', '),
          mtime: f.mtime ?? '?',
        },
        path: f.path,
        time: f.mtime ?? undefined,
        evidence: [
          phrase('file.sizeModified', { path: f.path, size: f.size, mtime: f.mtime ?? '?' }),
          ...lines.slice(0, 5).map((l) => `  ${l.slice(0, 300)}`),
        ],
      });
    }
  },
});
