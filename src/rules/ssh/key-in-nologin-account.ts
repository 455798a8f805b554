import { isLoginShell } from '../shared/login-shell';
import { defineRule } from '../rule';
import { keyEvidence, keysOf } from './ssh-facts';

// Restricted shells built to be used with keys (git hosting, rsync/scp-only accounts).
const KEY_SHELLS = ['git-shell', 'gitlab-shell', 'gitolite-shell', 'rrsync', 'scponly', 'rssh'];

export default defineRule({
  meta: {
    id: 'ssh/key-in-nologin-account',
    category: 'ssh_key',
    severity: 'high',
    attack: ['T1098.004', 'T1078.003'],
    status: 'stable',
    description:
      'SSH keys for an account whose shell is nologin/false (www-data, daemon…): no person logs in there, but a key still opens tunnels (ssh -N -L/-R/-D) and is a favourite hiding place.',
    falsePositives: ['Tunnel-only service accounts created on purpose for port forwarding.'],
    uses: ['sshKeys', 'users'],
    messages: {
      nologin: {
        en: {
          title: 'SSH key(s) for no-login account {user} ({file})',
          detail:
            '"{user}" has the shell {shell}, so nobody should log in as it, yet {file} authorizes {count} key(s). sshd still allows port forwarding and SOCKS tunnels for such keys, and web or mail accounts are where intruders hide keys.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), confirm with the service owner, then remove the file (rm {file}); block tunnels for service accounts in sshd_config (Match User {user} / AllowTcpForwarding no) and run: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '不可登录账号 {user} 存在 SSH 密钥（{file}）',
          detail:
            '“{user}”的 shell 是 {shell}，本不应有人以它登录，但 {file} 授权了 {count} 个密钥。sshd 仍允许这类密钥做端口转发和 SOCKS 隧道，而 Web、邮件账号正是入侵者藏密钥的地方。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），与服务负责人确认后删除该文件（rm {file}）；在 sshd_config 中禁止服务账号转发（Match User {user} / AllowTcpForwarding no），然后执行：sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const users = snapshot.facts.users?.users ?? [];
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      const keys = keysOf(snapshot, f);
      if (keys.length === 0) continue;
      // A shared home (/usr/sbin, /bin) counts only when no login account uses it.
      const owners = f.users.map((n) => users.find((u) => u.name === n)).filter((u) => u !== undefined);
      if (owners.length === 0 || owners.some((u) => isLoginShell(intel, u.shell))) continue;
      const u = owners.find((x) => !KEY_SHELLS.includes(x.shell.slice(x.shell.lastIndexOf('/') + 1)));
      if (!u) continue;
      report({
        messageId: 'nologin',
        data: { user: u.name, shell: u.shell, file: f.path, count: keys.length },
        path: f.path,
        user: u.name,
        evidence: [`/etc/passwd: ${u.name}:x:${u.uid}:${u.gid}:${u.gecos}:${u.home}:${u.shell}`, ...keys.slice(0, 20).map(keyEvidence)],
        time: f.mtime ?? undefined,
      });
    }
  },
});
