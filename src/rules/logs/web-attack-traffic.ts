import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/web-attack-traffic',
    category: 'log_web',
    severity: 'medium',
    attack: ['T1505.003', 'T1190'],
    status: 'experimental',
    description:
      'Web requests from webshell clients and attack tools (AntSword, Behinder, Godzilla, sqlmap, nikto…) by User-Agent, and successful requests carrying command parameters or known webshell file names.',
    falsePositives: ['Your own authorised vulnerability scans; Internet-wide scanners that got nothing (the ok count tells).'],
    references: ['https://attack.mitre.org/techniques/T1505/003/'],
    uses: ['webAccess'],
    messages: {
      agent: {
        en: {
          title: '{tool} requests in the web logs: {count} from {ips}',
          detail:
            '{count} request(s) between {first} and {last} carry the User-Agent of {tool} ({kind}), {ok} answered 2xx. Webshell clients talk to shells already planted; scanners look for a way in.',
          action:
            'List what they reached: grep -hF "{needle}" /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log* | awk \'$9 ~ /^2/\' | head. Inspect every script that answered 200 and block {ips} if not your own scanner.',
        },
        'zh-CN': {
          title: 'Web 日志中出现 {tool} 请求：来自 {ips} 共 {count} 次',
          detail:
            '{first} 至 {last} 期间有 {count} 个请求带有 {tool}（{kind}）的 User-Agent，其中 {ok} 个返回 2xx。WebShell 客户端说明已有木马被植入；扫描器则在寻找入口。',
          action:
            '查看它们访问到了什么：grep -hF "{needle}" /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log* | awk \'$9 ~ /^2/\' | head。检查每个返回 200 的脚本；如果不是你们自己的扫描器，封禁 {ips}。',
        },
      },
      target: {
        en: {
          title: 'Successful webshell-style request: {target}',
          detail:
            '{ok} of {count} request(s) to {target} between {first} and {last} were answered 2xx ({pattern}). A script accepting shell commands or named like a known webshell answered them.',
          action: 'Locate and inspect the script (find / -xdev -path "*{path}" 2>/dev/null), preserve it, and block {ips}.',
        },
        'zh-CN': {
          title: '成功的 WebShell 式请求：{target}',
          detail:
            '{first} 至 {last} 期间，对 {target} 的 {count} 个请求中有 {ok} 个返回 2xx（{pattern}）。一个接收命令参数或以常见 WebShell 命名的脚本响应了这些请求。',
          action: '找到并检查该脚本（find / -xdev -path "*{path}" 2>/dev/null），保全后封禁 {ips}。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const web = snapshot.facts.webAccess;
    if (!web) return;
    const tools = intel.logs.webToolAgents.map((t) => ({ ...t, re: new RegExp(t.pattern, 'i') }));
    const byTool = new Map<
      string,
      { kind: string; count: number; ok: number; ips: Set<string>; first: string; last: string; needle: string; example: string }
    >();
    for (const a of web.agents) {
      const tool = tools.find((t) => t.re.test(a.key.slice(0, 1000)));
      if (!tool) continue;
      const g = byTool.get(tool.id) ?? {
        kind: tool.kind,
        count: 0,
        ok: 0,
        ips: new Set<string>(),
        first: a.first ?? '?',
        last: a.last ?? '?',
        needle: a.key.slice(0, 40),
        example: a.example,
      };
      g.count += a.count;
      g.ok += a.ok;
      for (const ip of a.ips) g.ips.add(ip);
      if (a.first && a.first < g.first) g.first = a.first;
      if (a.last && a.last > g.last) g.last = a.last;
      byTool.set(tool.id, g);
    }
    for (const [tool, g] of byTool) {
      const ips = [...g.ips].slice(0, 10).join(', ');
      report({
        messageId: 'agent',
        severity: g.kind === 'shell-client' && g.ok > 0 ? 'high' : 'medium',
        data: {
          tool,
          kind: phrase(g.kind === 'shell-client' ? 'web.shellClient' : 'web.scanner'),
          count: g.count,
          ok: g.ok,
          ips,
          first: g.first,
          last: g.last,
          needle: g.needle.replace(/"/g, ''),
        },
        ip: [...g.ips][0],
        time: g.first,
        evidence: [phrase('web.requests', { count: g.count, ok: g.ok, ips }), g.example],
      });
    }
    const params = intel.logs.webShellParams.map((p) => ({ ...p, re: new RegExp(p.pattern, 'i') }));
    for (const t of web.targets) {
      if (t.ok === 0) continue;
      const q = t.key.indexOf('?');
      // A path with a query is also counted without it: report a file-name match once, on the bare path.
      const hit = params.find((p) => p.re.test(t.key) && (q < 0 || !p.re.test(t.key.slice(0, q))));
      if (!hit) continue;
      report({
        messageId: 'target',
        data: {
          target: t.key,
          path: q >= 0 ? t.key.slice(0, q) : t.key,
          pattern: hit.id,
          ok: t.ok,
          count: t.count,
          first: t.first ?? '?',
          last: t.last ?? '?',
          ips: t.ips.join(', '),
        },
        path: q >= 0 ? t.key.slice(0, q) : t.key,
        ip: t.ips[0],
        time: t.first ?? undefined,
        evidence: [phrase('web.requests', { count: t.count, ok: t.ok, ips: t.ips.join(', ') }), t.example],
      });
    }
  },
});
