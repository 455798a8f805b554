import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/webshell-access-pattern',
    category: 'log_web',
    severity: 'high',
    attack: ['T1505.003'],
    status: 'experimental',
    description:
      'Access-log shape of a webshell: one script receiving many successful POSTs from one to three addresses, while sitting in an upload/static directory or being requested by nobody else.',
    falsePositives: ['A private admin or API script used by one integration; check what the script is before deleting.'],
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
    },
  },
  check({ snapshot, intel, report }) {
    const t = intel.logs;
    const common = new Set(t.webCommonPostEndpoints.map((e) => e.toLowerCase()));
    for (const s of snapshot.facts.webAccess?.scripts ?? []) {
      if (s.posts < t.webshellMinPosts || s.posterCount > t.webshellMaxClients || s.postsOk < s.posts * t.webshellMinSuccessShare) continue;
      const lower = s.path.toLowerCase();
      const uploadDir = t.webUploadDirs.find((d) => lower.includes(d.toLowerCase()));
      const name = lower.slice(lower.lastIndexOf('/') + 1);
      // Login forms and AJAX endpoints take many POSTs from one admin or one brute-forcer: only their location can betray a shell.
      if (!uploadDir && (common.has(name) || s.clients > t.webshellMaxClients)) continue;
      const ips = s.posters.map((p) => p.ip);
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
  },
});
