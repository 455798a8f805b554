import type { WebRequestGroup } from '../../collect/logs/web-access';
import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { queryCommands } from './web-query';

export default defineRule({
  meta: {
    id: 'logs/webshell-access-pattern',
    category: 'log_web',
    severity: 'high',
    attack: ['T1505.003'],
    status: 'experimental',
    description:
      'Access-log shape of a webshell: one script receiving many successful POSTs from one to three addresses, while sitting in an upload/static directory or being requested by nobody else; a script answering 2xx to GET query strings that carry commands (intel logs.webshellQuery: cmd=whoami, system(…), base64-encoded commands) from at most webshellMaxClients addresses while no one else uses it; a script in an upload directory answering webshellMinGets or more requests from at most webshellMaxClients addresses.',
    falsePositives: [
      'A private admin or API script used by one integration; check what the script is before deleting.',
      'A security scanner run by the site owner that sends command-like query strings to a rarely used page that answers 200 whatever the query.',
    ],
    references: ['https://attack.mitre.org/techniques/T1505/003/'],
    uses: ['webAccess'],
    messages: {
      hammered: {
        en: {
          title: 'Possible webshell {path}: {posts} POSTs from {posters} address(es)',
          detail:
            'Between {first} and {last}, {path} answered {ok} of {posts} POSTs successfully, all from {ips}, and only {clients} client(s) ever requested it{where}. Webshell operators POST commands to a script nobody else uses.',
          action:
            'Find the file under the web root (find / -xdev -path "*{path}" 2>/dev/null), preserve and inspect it, block {ips} and list everything those addresses requested (grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*).',
        },
        'zh-CN': {
          title: '疑似 WebShell {path}：来自 {posters} 个地址的 {posts} 次 POST',
          detail:
            '{first} 至 {last} 期间，{path} 成功响应了 {posts} 次 POST 中的 {ok} 次，全部来自 {ips}，且只有 {clients} 个客户端访问过它{where}。WebShell 使用者会向一个无人访问的脚本反复 POST 命令。',
          action:
            '在网站目录中找到该文件（find / -xdev -path "*{path}" 2>/dev/null），保全并检查；封禁 {ips}，并列出这些地址的全部请求（grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*）。',
        },
      },
      commands: {
        en: {
          title: 'Possible webshell {path}: commands in GET query strings from {ips}',
          detail:
            'Between {first} and {last}, {path} answered {ok} of {count} requests carrying commands in the query string ({patterns}), all from {ips}, and only {clients} address(es) ever requested it{where}. Webshells driven by GET take the command in a parameter (?cmd=whoami) and answer 200 with its output.',
          action:
            'Find the file under the web root (find / -xdev -path "*{path}" 2>/dev/null), preserve and inspect it, block {ips} and list everything those addresses requested (grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*).',
        },
        'zh-CN': {
          title: '疑似 WebShell {path}：来自 {ips} 的 GET 查询串中带有命令',
          detail:
            '{first} 至 {last} 期间，{path} 对 {count} 个查询串中带命令的请求（{patterns}）成功响应了 {ok} 个，全部来自 {ips}，且只有 {clients} 个地址访问过它{where}。通过 GET 操控的 WebShell 从参数中取命令（?cmd=whoami），并以 200 返回执行结果。',
          action:
            '在网站目录中找到该文件（find / -xdev -path "*{path}" 2>/dev/null），保全并检查；封禁 {ips}，并列出这些地址的全部请求（grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*）。',
        },
      },
      lonely: {
        en: {
          title: 'Possible webshell {path}: a script in {dir} answered {ok} requests from {ips} only',
          detail:
            'Between {first} and {last}, {path} answered {ok} of {count} requests with 2xx, all from {ips}. Upload and static directories hold images and documents, not scripts the site runs: a script there that answers one or two addresses is what an uploaded webshell looks like.',
          action:
            'Find the file under the web root (find / -xdev -path "*{path}" 2>/dev/null), preserve and inspect it, block {ips} if they are not yours and list everything they requested (grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*); stop the web server from running scripts in {dir}.',
        },
        'zh-CN': {
          title: '疑似 WebShell {path}：{dir} 中的脚本只对 {ips} 成功响应了 {ok} 次',
          detail:
            '{first} 至 {last} 期间，{path} 对 {count} 个请求中的 {ok} 个返回 2xx，全部来自 {ips}。上传和静态目录存放的是图片和文档，而不是网站要执行的脚本：位于其中、只响应一两个地址的脚本正是被上传的 WebShell 的样子。',
          action:
            '在网站目录中找到该文件（find / -xdev -path "*{path}" 2>/dev/null），保全并检查；若 {ips} 不是你们的地址则封禁，并列出其全部请求（grep -hE "^({ipsRegex}) " /var/log/nginx/access.log* /var/log/apache2/access.log* /var/log/httpd/access_log*）；禁止 Web 服务器在 {dir} 中执行脚本。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const t = intel.logs;
    const common = new Set(t.webCommonPostEndpoints.map((e) => e.toLowerCase()));
    const uploadDirOf = (path: string) => {
      const lower = path.toLowerCase();
      return t.webUploadDirs.find((d) => lower.includes(d.toLowerCase()));
    };
    const reported = new Set<string>();
    for (const s of snapshot.facts.webAccess?.scripts ?? []) {
      if (s.posts < t.webshellMinPosts || s.posterCount > t.webshellMaxClients || s.postsOk < s.posts * t.webshellMinSuccessShare) continue;
      const lower = s.path.toLowerCase();
      const uploadDir = t.webUploadDirs.find((d) => lower.includes(d.toLowerCase()));
      const name = lower.slice(lower.lastIndexOf('/') + 1);
      // Login forms and AJAX endpoints take many POSTs from one admin or one brute-forcer: only their location can betray a shell.
      if (!uploadDir && (common.has(name) || s.clients > t.webshellMaxClients)) continue;
      const ips = s.posters.map((p) => p.ip);
      reported.add(s.path);
      report({
        messageId: 'hammered',
        data: {
          path: s.path,
          posts: s.posts,
          ok: s.postsOk,
          posters: s.posterCount,
          ips: ips.join(', '),
          ipsRegex: ips.map((i) => i.replace(/[.]/g, '\\.')).join('|'),
          clients: s.clients,
          first: s.first ?? '?',
          last: s.last ?? '?',
          where: uploadDir ? phrase('web.inside', { dir: uploadDir }) : '',
        },
        path: s.path,
        ip: ips[0],
        time: s.first ?? undefined,
        evidence: [
          phrase('web.shellAccess', { path: s.path, requests: s.requests, posts: s.posts, ok: s.postsOk, clients: s.clients }),
          phrase('web.postsBy', { posters: s.posters.map((p) => `${p.ip}×${p.count}`).join(', ') }),
          s.example,
        ],
      });
    }

    // GET-driven webshells: the collector keeps every script path and every script request with a
    // query string as request groups; the path alone stands for all of the script's traffic.
    const targets = snapshot.facts.webAccess?.targets ?? [];
    const byPath = new Map<string, WebRequestGroup>();
    for (const g of targets) if (!g.key.includes('?')) byPath.set(g.key, g);
    const withCommands = new Map<string, { groups: WebRequestGroup[]; patterns: Set<string>; decoded: string[] }>();
    for (const g of targets) {
      const q = g.key.indexOf('?');
      if (q < 0 || g.ok === 0) continue;
      const found = queryCommands(intel, g.key.slice(q + 1));
      if (found.length === 0) continue;
      const path = g.key.slice(0, q);
      const e = withCommands.get(path) ?? { groups: [], patterns: new Set<string>(), decoded: [] };
      e.groups.push(g);
      for (const f of found) {
        e.patterns.add(f.id);
        if (f.decoded !== undefined && e.decoded.length < 3) e.decoded.push(f.decoded);
      }
      withCommands.set(path, e);
    }
    for (const [path, e] of withCommands) {
      if (reported.has(path)) continue;
      const ips = [...new Set(e.groups.flatMap((g) => g.ips))];
      const all = byPath.get(path);
      const clients = all?.ips.length ?? ips.length;
      const dir = uploadDirOf(path);
      // The app's own pages answer 200 to anything and are requested by everybody: a scanner's
      // ?cmd=whoami against index.php says nothing about index.php.
      if (ips.length > t.webshellMaxClients || (!dir && clients > t.webshellMaxClients)) continue;
      reported.add(path);
      const count = e.groups.reduce((n, g) => n + g.count, 0);
      const ok = e.groups.reduce((n, g) => n + g.ok, 0);
      const first = e.groups
        .map((g) => g.first)
        .filter((x): x is string => !!x)
        .sort()[0];
      const last = e.groups
        .map((g) => g.last)
        .filter((x): x is string => !!x)
        .sort()
        .pop();
      report({
        messageId: 'commands',
        data: {
          path,
          ips: ips.join(', '),
          ipsRegex: ips.map((i) => i.replace(/[.]/g, '\\.')).join('|'),
          count,
          ok,
          clients,
          patterns: [...e.patterns].join(', '),
          first: first ?? '?',
          last: last ?? '?',
          where: dir ? phrase('web.inside', { dir }) : '',
        },
        path,
        ip: ips[0],
        time: first,
        evidence: [
          phrase('web.requests', { count, ok, ips: ips.join(', ') }),
          ...e.groups.slice(0, 3).map((g) => g.example),
          ...e.decoded.map((d) => phrase('web.decoded', { text: d })),
        ],
      });
    }

    for (const g of byPath.values()) {
      const dir = uploadDirOf(g.key);
      if (!dir || reported.has(g.key) || g.ok < t.webshellMinGets || g.ips.length > t.webshellMaxClients) continue;
      reported.add(g.key);
      report({
        messageId: 'lonely',
        severity: 'medium',
        data: {
          path: g.key,
          dir,
          ips: g.ips.join(', '),
          ipsRegex: g.ips.map((i) => i.replace(/[.]/g, '\\.')).join('|'),
          count: g.count,
          ok: g.ok,
          first: g.first ?? '?',
          last: g.last ?? '?',
        },
        path: g.key,
        ip: g.ips[0],
        time: g.first ?? undefined,
        evidence: [phrase('web.requests', { count: g.count, ok: g.ok, ips: g.ips.join(', ') }), g.example],
      });
    }
  },
});
