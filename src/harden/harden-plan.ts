import fs from 'node:fs';
import type { PlannedAction, RefusedAction, Text } from '../respond/action';
import type { Plan } from '../respond/apply-plan';
import { SSHD, type SshdSetData } from '../respond/actions/sshd-config-set';
import { ResponseTarget } from '../respond/target';
import type { AuditResult } from './audit';
import { lockoutReason, type OperatorLogin } from './lockout';

// The safe subset of hardening, as a plan for apply-plan: sshd_config settings whose check failed,
// minus any that would lock someone out. Everything else the audit found (fail2ban, firewall,
// services, accounts) needs a decision by a person and is listed, not changed.

export const SSHD_CONFIG = '/etc/ssh/sshd_config';

export function planHarden(audit: AuditResult, operator: OperatorLogin, sshdBinary = SSHD): Plan {
  const target = new ResponseTarget(audit.target.kind === 'live' ? undefined : audit.target.root);
  const live = target.kind === 'live';
  const settings: SshdSetData['settings'] = [];
  const answers: string[] = [];
  const refused: RefusedAction[] = [];
  for (const c of audit.checks) {
    if (c.status !== 'fail' || !c.sshdFix) continue;
    const { key, value } = c.sshdFix;
    const summary: Text = { en: `${key} ${value} in ${SSHD_CONFIG}`, 'zh-CN': `在 ${SSHD_CONFIG} 中设置 ${key} ${value}` };
    const reason = lockoutReason(key, value, audit.facts, target.kind, operator);
    if (reason) {
      refused.push({ kind: 'sshd.config-set', summary, answers: [`harden/${c.id}`], reason });
      continue;
    }
    if (settings.some((s) => s.key === key)) continue;
    settings.push({ key, value });
    answers.push(`harden/${c.id}`);
  }
  const actions: PlannedAction[] = [];
  if (settings.length > 0 && live && !fs.existsSync(sshdBinary)) {
    refused.push({
      kind: 'sshd.config-set',
      summary: { en: `set ${settings.map((s) => s.key).join(', ')}`, 'zh-CN': `设置 ${settings.map((s) => s.key).join('、')}` },
      answers,
      reason: {
        en: `${sshdBinary} not found: the new configuration cannot be checked with sshd -t`,
        'zh-CN': `未找到 ${sshdBinary}：无法用 sshd -t 检查新配置`,
      },
    });
  } else if (settings.length > 0) {
    const list = settings.map((s) => `${s.key} ${s.value}`).join(', ');
    actions.push({
      id: 'h1',
      kind: 'sshd.config-set',
      summary: {
        en: `set ${list} at the top of ${SSHD_CONFIG}${live ? ', check it with sshd -t and reload sshd' : ''}`,
        'zh-CN': `在 ${SSHD_CONFIG} 顶部设置 ${list}${live ? '，用 sshd -t 检查后重新加载 sshd' : ''}`,
      },
      answers,
      undoSummary: {
        en: `put ${SSHD_CONFIG} back byte for byte${live ? ' and reload sshd' : ''}`,
        'zh-CN': `按字节恢复 ${SSHD_CONFIG}${live ? ' 并重新加载 sshd' : ''}`,
      },
      data: { path: SSHD_CONFIG, settings, live } satisfies SshdSetData,
    });
  }
  const manual = audit.checks.filter((c) => c.status === 'fail' && !c.sshdFix);
  const notes: Text[] = manual.length
    ? [
        {
          en: `Not changed automatically (needs your decision): ${manual.map((c) => c.id).join(', ')}`,
          'zh-CN': `未自动修改（需要你决定）：${manual.map((c) => c.id).join('、')}`,
        },
      ]
    : [];
  return { command: 'harden', target, actions, refused, notes };
}
