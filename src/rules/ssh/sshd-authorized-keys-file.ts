import { type Phrase, phrase } from '../../i18n/phrases';
import { inTmpDir } from '../../analyze/facts-index';
import type { SshdOption } from '../../collect/accounts/sshd-config';
import { defineRule } from '../rule';

const DEFAULTS = ['.ssh/authorized_keys', '.ssh/authorized_keys2', '%h/.ssh/authorized_keys', '%h/.ssh/authorized_keys2', 'none'];

type Verdict = { severity: 'high' | 'medium' | 'low'; reason: Phrase };

/** Why a non-default AuthorizedKeysFile is worrying, from its shape alone. */
export function judgeKeysPath(p: string): Verdict {
  const perUser = /%[uhU]/.test(p);
  const hidden = p.split('/').find((c) => c.startsWith('.') && c !== '.ssh' && c !== '.' && c !== '..');
  if (inTmpDir(p)) return { severity: 'high', reason: phrase('keysPath.tmp') };
  if (hidden) return { severity: 'high', reason: phrase('keysPath.hidden', { dir: hidden }) };
  if (p.startsWith('/') && !perUser) return { severity: 'high', reason: phrase('keysPath.shared') };
  if (/^\/(home|root)\//.test(p) && !p.startsWith('%h')) return { severity: 'high', reason: phrase('keysPath.otherHome') };
  if (p.startsWith('/etc/ssh/') || p.startsWith('/var/lib/') || p.startsWith('/usr/local/etc/ssh/'))
    return { severity: 'low', reason: phrase('keysPath.central') };
  return { severity: 'medium', reason: phrase('keysPath.nonstandard') };
}

export default defineRule({
  meta: {
    id: 'ssh/sshd-authorized-keys-file',
    category: 'sshd_config',
    severity: 'high',
    attack: ['T1098.004', 'T1021.004'],
    status: 'stable',
    description:
      "AuthorizedKeysFile pointing somewhere other than ~/.ssh/authorized_keys{,2}: a shared file, a temporary or hidden path, or another user's home lets keys in that nobody reviews. Central /etc/ssh/keys/%u stores are low.",
    falsePositives: ['Centrally managed key stores under /etc/ssh or /var/lib (reported low).'],
    uses: ['sshdConfig'],
    messages: {
      path: {
        en: {
          title: 'sshd reads extra authorized keys from {path}',
          detail:
            '{where}: "{line}". This location is {reason}. Intruders add such a line so their key lives outside the files admins check.',
          action:
            'Review the keys that path yields (ls -la {path}; ssh-keygen -lf FILE), keep copies, then restore "AuthorizedKeysFile .ssh/authorized_keys" in {file} unless the path is your documented key store; apply: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: 'sshd 从 {path} 读取额外的授权密钥',
          detail: '{where}：“{line}”。该位置{reason}。入侵者加上这一行，让自己的密钥存放在管理员不会检查的文件里。',
          action:
            '审查该路径中的密钥（ls -la {path}；ssh-keygen -lf 文件），保留副本；除非这是有文档记录的密钥库，否则在 {file} 中恢复“AuthorizedKeysFile .ssh/authorized_keys”；生效：sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const cfg = snapshot.facts.sshdConfig;
    if (!cfg?.present) return;
    for (const o of cfg.options.filter((x: SshdOption) => x.key === 'authorizedkeysfile')) {
      for (const p of o.args) {
        if (DEFAULTS.includes(p)) continue;
        const v = judgeKeysPath(p);
        report({
          messageId: 'path',
          data: {
            path: p,
            where: o.inMatch ? phrase('sshd.inMatch', { where: `${o.file}:${o.line}` }) : `${o.file}:${o.line}`,
            line: o.text,
            reason: v.reason,
            file: o.file,
          },
          severity: v.severity,
          path: o.file,
          evidence: [`${o.file}:${o.line}: ${o.text}`],
        });
      }
    }
  },
});
