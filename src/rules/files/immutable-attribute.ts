import { phrase } from '../../i18n/phrases';
import { isPackageOwned } from '../../analyze/facts-index';
import type { AttributeEntry } from '../../collect/files/file-attributes';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';

type Kind = 'account' | 'ssh' | 'cron' | 'init' | 'preload' | 'program' | 'config';

const ACCOUNT_FILES = new Set(['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/gshadow']);

function kindOf(path: string): Kind {
  if (ACCOUNT_FILES.has(path)) return 'account';
  if (/\/\.ssh(\/authorized_keys2?)?$/.test(path)) return 'ssh';
  if (path === '/etc/crontab' || /^\/etc\/cron\.[a-z]+(\/|$)/.test(path) || path.startsWith('/var/spool/cron')) return 'cron';
  if (path.startsWith('/etc/init.d') || path.startsWith('/etc/systemd/system') || /\/rc\.local$/.test(path)) return 'init';
  if (path === '/etc/ld.so.preload') return 'preload';
  if (/^\/(usr\/)?(local\/)?s?bin\/|^\/(tmp|var\/tmp|dev\/shm)\//.test(path)) return 'program';
  return 'config';
}

export default defineRule({
  meta: {
    id: 'files/immutable-attribute',
    category: 'immutable',
    severity: 'high',
    attack: ['T1222.002'],
    status: 'stable',
    description:
      'Immutable (chattr +i) or append-only (+a) attributes on files attackers lock so cleanup fails: cron and init files, authorized_keys, ld.so.preload and unowned programs (high); passwd/shadow, sshd_config, cron directories and packaged programs (medium, since hardening guides lock these too).',
    falsePositives: [
      'Hardening guides (including the incident write-ups this tool follows) suggest chattr +i on /etc/passwd, /etc/shadow, /etc/ssh/sshd_config and, after cleanup, on cron directories. If your team did that, note it and allow-list the path.',
    ],
    references: ['https://attack.mitre.org/techniques/T1222/002/'],
    uses: ['fileAttributes'],
    messages: {
      locked: {
        en: {
          title: 'Locked with chattr ({attr}): {path}',
          detail:
            '{path} carries the {attr} attribute (lsattr flags {flags}). Miners and bots lock their cron entries, init scripts, SSH keys and binaries this way so that rm and echo > fail with "Operation not permitted" even for root, and their persistence survives cleanup.',
          action:
            'See what is locked: lsattr -d {path}. Keep a copy of the content (cp -a {path} /root/evidence/), then unlock it (chattr -ia {path}) before cleaning, and look for the job that re-locks it (grep -r "chattr" /etc/cron* /var/spool/cron /etc/init.d /etc/systemd /tmp /var/tmp 2>/dev/null).',
        },
        'zh-CN': {
          title: '文件被 chattr 锁定（{attr}）：{path}',
          detail:
            '{path} 带有 {attr} 属性（lsattr 标志 {flags}）。挖矿和木马用这种方式锁住自己的 cron 条目、启动脚本、SSH 公钥和程序，使 rm、echo > 即使以 root 执行也报“Operation not permitted”，持久化因而在清理后依然存在。',
          action:
            '查看锁定情况：lsattr -d {path}。先保留内容（cp -a {path} /root/evidence/），清理前解锁（chattr -ia {path}），并查找会重新加锁的任务（grep -r "chattr" /etc/cron* /var/spool/cron /etc/init.d /etc/systemd /tmp /var/tmp 2>/dev/null）。',
        },
      },
      hardening: {
        en: {
          title: 'Locked with chattr ({attr}): {path}',
          detail:
            '{path} carries the {attr} attribute (lsattr flags {flags}). Some hardening guides do this on purpose (chattr +i /etc/passwd /etc/shadow, or on cron directories after a cleanup), but intruders also lock these so that their account or job cannot be removed.',
          action:
            'Ask whether your team set it. If not, keep a copy (cp -a {path} /root/evidence/), unlock (chattr -ia {path}), and review the content for accounts, keys or jobs you do not know.',
        },
        'zh-CN': {
          title: '文件被 chattr 锁定（{attr}）：{path}',
          detail:
            '{path} 带有 {attr} 属性（lsattr 标志 {flags}）。有的加固指南会有意这样做（chattr +i /etc/passwd /etc/shadow，或在清理后锁定 cron 目录），但入侵者也会锁定它们，使其账号或任务无法删除。',
          action:
            '确认是否是自己团队设置的。若不是：保留副本（cp -a {path} /root/evidence/），解锁（chattr -ia {path}），并检查其中是否有不认识的账号、公钥或任务。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const a of snapshot.facts.fileAttributes?.protected ?? []) {
      const kind = kindOf(a.path);
      const severity = severityOf(kind, a, isPackageOwned(snapshot, a.path));
      const attr = [a.immutable ? 'immutable' : '', a.appendOnly ? 'append-only' : ''].filter(Boolean).join(' + ');
      const data = { path: a.path, attr, flags: a.flags };
      const evidence = [
        `lsattr -d ${a.path}: ${a.flags}`,
        phrase('immutable.type', { type: phrase(a.kind === 'dir' ? 'kind.dir' : 'kind.file'), role: phrase(`role.${kind}`) }),
      ];
      report({ messageId: severity === 'high' ? 'locked' : 'hardening', severity, data, path: a.path, evidence });
    }
  },
});

function severityOf(kind: Kind, a: AttributeEntry, owned: boolean | null): Severity {
  if (kind === 'account' || kind === 'config') return 'medium';
  if (a.kind === 'dir') return kind === 'ssh' ? 'high' : 'medium';
  if (kind === 'program') return owned === true ? 'medium' : 'high';
  return 'high';
}
