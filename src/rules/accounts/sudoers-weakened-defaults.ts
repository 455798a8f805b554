import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { specEvidence, sudoersFile } from './sudo-facts';

type Weakness = { messageId: 'noAuth' | 'preload' | 'noLog' | 'noEnvReset'; severity: 'high' | 'medium' };

/** What a Defaults setting turns off, if anything worth reporting. */
export function weakness(item: string): Weakness | null {
  const s = item.replace(/\s+/g, '');
  if (/^!authenticate$/.test(s)) return { messageId: 'noAuth', severity: 'high' };
  if (/^env_keep\+?=.*\b(LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT)\b/.test(s)) return { messageId: 'preload', severity: 'high' };
  if (/^(!syslog|syslog=(false|"")|!log_allowed|!log_denied|logfile=\/dev\/null|!log_subcmds|log_servers=)$/.test(s))
    return { messageId: 'noLog', severity: 'medium' };
  if (/^!env_reset$/.test(s)) return { messageId: 'noEnvReset', severity: 'medium' };
  return null;
}

export default defineRule({
  meta: {
    id: 'accounts/sudoers-weakened-defaults',
    category: 'sudoers',
    severity: 'high',
    attack: ['T1548.003', 'T1562.006'],
    status: 'stable',
    description:
      "sudoers Defaults that remove sudo's protections: !authenticate (no password for anyone), keeping LD_PRELOAD in the environment, turning off sudo's logging, or !env_reset.",
    falsePositives: ['Appliances that log sudo elsewhere and disable syslog on purpose.'],
    uses: ['sudoers'],
    messages: {
      noAuth: {
        en: {
          title: 'sudo asks nobody for a password ({scope} !authenticate)',
          detail: '{where}: "{line}". For {scope}, every sudo rule works like NOPASSWD, so any shell as those users is root at once.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), remove "!authenticate" with visudo -f {file}, then list what each user may do: sudo -l -U USER.',
        },
        'zh-CN': {
          title: 'sudo 不再要求任何人输入密码（{scope} !authenticate）',
          detail: '{where}：“{line}”。对 {scope} 而言，每条 sudo 规则都等同 NOPASSWD，只要拿到这些用户的 shell 就立刻是 root。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），用 visudo -f {file} 删除“!authenticate”，再检查各用户权限：sudo -l -U 用户名。',
        },
      },
      preload: {
        en: {
          title: 'sudo keeps LD_PRELOAD for commands it runs as root ({scope})',
          detail:
            '{where}: "{line}". With the loader variables kept, any allowed command, even a harmless one, loads a library of the caller\'s choice as root — a known privilege escalation.',
          action:
            'Remove the LD_* names from env_keep with visudo -f {file}, and check the rules that allow commands (grep -r NOPASSWD /etc/sudoers /etc/sudoers.d).',
        },
        'zh-CN': {
          title: 'sudo 以 root 运行命令时保留 LD_PRELOAD（{scope}）',
          detail: '{where}：“{line}”。保留加载器变量后，任何被允许的命令（哪怕无害）都会以 root 加载调用者指定的库——这是已知的提权手法。',
          action:
            '用 visudo -f {file} 从 env_keep 中删除 LD_* 变量，并检查允许执行命令的规则（grep -r NOPASSWD /etc/sudoers /etc/sudoers.d）。',
        },
      },
      noLog: {
        en: {
          title: 'sudo logging turned off ({setting})',
          detail:
            '{where}: "{line}". Without sudo\'s log lines there is no record of who ran what as root; intruders switch them off before using sudo.',
          action:
            'Remove "{setting}" with visudo -f {file}; check what was run meanwhile in other sources (journalctl _COMM=sudo; /var/log/audit/audit.log; shell histories).',
        },
        'zh-CN': {
          title: 'sudo 日志被关闭（{setting}）',
          detail: '{where}：“{line}”。没有 sudo 日志就无法知道谁以 root 执行了什么；入侵者会先关掉它再使用 sudo。',
          action:
            '用 visudo -f {file} 删除“{setting}”；从其他来源核查期间执行过的命令（journalctl _COMM=sudo；/var/log/audit/audit.log；shell 历史）。',
        },
      },
      noEnvReset: {
        en: {
          title: "sudo passes the caller's whole environment to root ({scope} !env_reset)",
          detail:
            '{where}: "{line}". PATH, PYTHONPATH, PERL5LIB and similar from the caller reach root\'s commands, which lets a user steer what root runs.',
          action: 'Remove "!env_reset" with visudo -f {file} (env_reset is the default) and keep only needed variables with env_keep.',
        },
        'zh-CN': {
          title: 'sudo 把调用者的全部环境变量传给 root（{scope} !env_reset）',
          detail: '{where}：“{line}”。调用者的 PATH、PYTHONPATH、PERL5LIB 等会传到 root 执行的命令中，让普通用户能左右 root 运行的内容。',
          action: '用 visudo -f {file} 删除“!env_reset”（env_reset 为默认值），只通过 env_keep 保留必要变量。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const e of snapshot.facts.sudoers?.entries ?? []) {
      if (e.kind !== 'defaults') continue;
      for (const item of e.items) {
        const w = weakness(item);
        if (!w) continue;
        const file = sudoersFile(snapshot, e.file);
        report({
          messageId: w.messageId,
          data: { scope: e.scope, where: `${e.file}:${e.line}`, line: e.text, file: e.file, setting: item },
          severity: w.severity,
          path: e.file,
          evidence: [specEvidence(e), phrase('ev.mtime', { path: e.file, mtime: file?.mtime ?? '?' })],
          time: file?.mtime ?? undefined,
        });
      }
    }
  },
});
