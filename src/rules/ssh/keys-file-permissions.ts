import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { keysOf, modeString } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/keys-file-permissions',
    category: 'ssh_key',
    severity: 'high',
    attack: ['T1098.004', 'T1222.002'],
    status: 'stable',
    description:
      'An authorized_keys file, its .ssh directory or the home above it is world-writable, or the keys file is owned by another non-root account: anyone on the box can add a key and become that user.',
    falsePositives: ['None known; StrictModes makes sshd refuse such files, so a working setup never needs them.'],
    uses: ['sshKeys', 'users'],
    messages: {
      writable: {
        en: {
          title: 'World-writable SSH keys path for {user}: {what} ({mode})',
          detail:
            '{what} has mode {mode}: every local account, including a hacked web service, can write a key into it and log in as {user}. Intruders loosen these modes when they plant keys from a low-privilege shell.',
          action:
            'Keep a copy and check the keys (ssh-keygen -lf {file}), then fix the modes: chmod go-w {what}; chmod 700 "$(dirname {file})"; chmod 600 {file}; chown {user}: {file}.',
        },
        'zh-CN': {
          title: '{user} 的 SSH 密钥路径全局可写：{what}（{mode}）',
          detail:
            '{what} 的权限为 {mode}：本机任何账号（包括被攻破的 Web 服务）都能写入密钥并以 {user} 身份登录。入侵者从低权限 shell 植入密钥时常会放宽这些权限。',
          action:
            '先保留副本并核对密钥（ssh-keygen -lf {file}），再修正权限：chmod go-w {what}；chmod 700 "$(dirname {file})"；chmod 600 {file}；chown {user}: {file}。',
        },
      },
      owner: {
        en: {
          title: 'SSH keys file of {user} is owned by another account (UID {uid})',
          detail: '{file} belongs to UID {uid}, not to {user} or root, so that other account controls who logs in as {user}.',
          action: 'Check the keys (ssh-keygen -lf {file}), keep a copy, then: chown {user}: {file}; chmod 600 {file}.',
        },
        'zh-CN': {
          title: '{user} 的 SSH 密钥文件属于其他账号（UID {uid}）',
          detail: '{file} 属于 UID {uid}，既不是 {user} 也不是 root，因此那个账号能决定谁可以 {user} 身份登录。',
          action: '核对密钥（ssh-keygen -lf {file}）并保留副本后执行：chown {user}: {file}；chmod 600 {file}。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const users = snapshot.facts.users?.users ?? [];
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      if (keysOf(snapshot, f).length === 0) continue;
      const user = users.find((u) => u.name === f.users[0]);
      const dir = f.path.slice(0, f.path.lastIndexOf('/'));
      const checks: [string, number | null][] = [
        [f.path, f.mode],
        [dir, f.dirMode],
        [user?.home ?? '', f.homeMode],
      ];
      // The sticky bit (/tmp-like homes) stops others from replacing files but not from adding .ssh.
      const bad = checks.find(([p, m]) => p !== '' && m !== null && (m & 0o002) !== 0);
      if (bad) {
        report({
          messageId: 'writable',
          data: { user: f.users[0], what: bad[0], mode: modeString(bad[1]), file: f.path },
          path: f.path,
          user: f.users[0],
          evidence: [
            phrase('perm.modeUid', { path: f.path, mode: modeString(f.mode), uid: f.uid }),
            phrase('perm.mode', { path: dir, mode: modeString(f.dirMode) }),
            phrase('perm.mode', { path: user?.home ?? '?', mode: modeString(f.homeMode) }),
          ],
          time: f.mtime ?? undefined,
        });
        continue;
      }
      if (user && f.uid !== 0 && f.uid !== user.uid && f.symlink === null) {
        report({
          messageId: 'owner',
          data: { user: user.name, uid: f.uid, file: f.path },
          path: f.path,
          user: user.name,
          evidence: [phrase('perm.otherOwner', { path: f.path, mode: modeString(f.mode), uid: f.uid, user: user.name, userUid: user.uid })],
          time: f.mtime ?? undefined,
        });
      }
    }
  },
});
