import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/history-disabled',
    category: 'history',
    severity: 'medium',
    attack: ['T1070.003'],
    status: 'stable',
    description:
      'Shell history switched off or wiped: ~/.bash_history linked to /dev/null, or empty although the account had sessions that ended recently.',
    falsePositives: [
      "Hardened images that link root's history to /dev/null on purpose; accounts whose shell config sets HISTFILE elsewhere.",
    ],
    references: ['https://attack.mitre.org/techniques/T1070/003/'],
    uses: ['histories', 'logins'],
    messages: {
      devnull: {
        en: {
          title: 'History of {user} goes to {target}: {path} is a symlink',
          detail:
            '{path} points to {target}, so nothing typed in that account is kept. Intruders do this (ln -sf /dev/null ~/.bash_history) so their commands leave no trace.',
          action:
            "Preserve the link details (ls -la {path}; stat {path}), replace it with a real file (rm {path}; touch {path}; chmod 600 {path}) and check the account's logins (last {user}) and shell start-up files for HISTFILE/HISTSIZE settings.",
        },
        'zh-CN': {
          title: '{user} 的历史记录被指向 {target}：{path} 是符号链接',
          detail:
            '{path} 指向 {target}，该账户输入的任何命令都不会被保留。入侵者常这样做（ln -sf /dev/null ~/.bash_history）以免留下痕迹。',
          action:
            '保留链接信息（ls -la {path}；stat {path}），替换为普通文件（rm {path}；touch {path}；chmod 600 {path}），并检查该账户的登录记录（last {user}）以及 shell 启动文件中的 HISTFILE/HISTSIZE 设置。',
        },
      },
      empty: {
        en: {
          title: 'History of {user} is empty after a session that ended {time}',
          detail:
            '{user} logged in from {host} and logged out at {time}, when bash writes its history, yet {path} is empty (modified {mtime}). It was cleared afterwards (history -c, > {path}) or disabled.',
          action:
            'Find who emptied it: check the session from {host} (last -i {user}), the auth log around {time}, and shell start-up files (grep -n HIST ~{user}/.bashrc ~{user}/.profile /etc/profile /etc/bash.bashrc).',
        },
        'zh-CN': {
          title: '{user} 的历史记录为空，而其会话于 {time} 结束',
          detail:
            '{user} 从 {host} 登录并于 {time} 登出（bash 在此时写入历史），但 {path} 却是空的（修改时间 {mtime}）。说明之后被清空（history -c、> {path}）或被禁用。',
          action:
            '查找清空者：核查来自 {host} 的会话（last -i {user}）、{time} 前后的 auth 日志，以及 shell 启动文件（grep -n HIST ~{user}/.bashrc ~{user}/.profile /etc/profile /etc/bash.bashrc）。',
        },
      },
    },
  },
  check({ snapshot, since, report }) {
    const { histories, logins } = snapshot.facts;
    for (const h of histories ?? []) {
      if (!h.path.endsWith('/.bash_history') && !h.path.endsWith('/.zsh_history')) continue;
      if (h.symlink !== null) {
        if (h.symlink !== '/dev/null') continue;
        report({
          messageId: 'devnull',
          data: { user: h.user, path: h.path, target: h.symlink },
          user: h.user,
          path: h.path,
          time: h.mtime ?? undefined,
          evidence: [phrase('history.link', { path: h.path, target: h.symlink ?? '?', mtime: h.mtime ?? '?' })],
        });
        continue;
      }
      if (h.size > 0) continue;
      // bash writes history at logout: an ended interactive session in the window should have left lines.
      const ended = (logins?.sessions ?? []).filter(
        (s) => s.user === h.user && s.logout && s.logout >= since.toISOString() && (s.line.startsWith('pts/') || s.line.startsWith('tty')),
      );
      const last = ended[ended.length - 1];
      if (!last) continue;
      report({
        messageId: 'empty',
        data: { user: h.user, path: h.path, time: last.logout ?? '?', host: last.host || 'console', mtime: h.mtime ?? '?' },
        user: h.user,
        path: h.path,
        time: h.mtime ?? undefined,
        evidence: [
          phrase('history.empty', { path: h.path, mtime: h.mtime ?? '?' }),
          `${last.path}: ${h.user} ${last.line} ${last.host} ${last.login} - ${last.logout}`,
        ],
      });
    }
  },
});
