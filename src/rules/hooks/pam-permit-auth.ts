import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { expandStack, moduleName, pamEvidence, type StackEntry } from './pam-stack';

/** Control values that end (or jump past the rest of) the auth stack when the module succeeds. */
function endsStackOnSuccess(control: string): boolean {
  if (control === 'sufficient') return true;
  const m = /\bsuccess=(\w+)/.exec(control);
  return m !== null && (m[1] === 'done' || /^[1-9]\d*$/.test(m[1]));
}

function denyBefore(stack: StackEntry[], index: number): boolean {
  return stack
    .slice(0, index)
    .some(
      (e) =>
        moduleName(e.module) === 'pam_deny' &&
        (e.control === 'requisite' || e.control === 'required' || /default=(die|bad)/.test(e.control)),
    );
}

export default defineRule({
  meta: {
    id: 'hooks/pam-permit-auth',
    category: 'pam',
    severity: 'critical',
    attack: ['T1556.003'],
    status: 'stable',
    description:
      'pam_permit.so in the auth stack of sshd, login, su, sudo or common-auth/system-auth in a way that lets authentication succeed without a password: as "sufficient", with a success jump over pam_deny, or with no module left that checks credentials. Debian\'s stock "auth required pam_permit.so" after pam_deny is not reported.',
    falsePositives: [
      'Autologin services (gdm-autologin, lightdm-autologin) use pam_permit on purpose; they are not among the services checked.',
    ],
    references: ['https://attack.mitre.org/techniques/T1556/003/', 'https://man7.org/linux/man-pages/man8/pam_permit.8.html'],
    uses: ['pam'],
    messages: {
      permit: {
        en: {
          title: 'PAM lets anyone authenticate to {service}: pam_permit.so in its auth stack',
          detail:
            '{file} line {line} puts pam_permit.so where its success decides the login ({control}). With this, any password (or none) is accepted for every account, root included, through {service}.',
          action:
            'Fix it now from an open root session (do not log out): restore the line from the distribution default (Debian: "auth [success=1 default=ignore] pam_unix.so nullok" then "auth requisite pam_deny.so"; RHEL: authselect apply-changes), test with a wrong password in a second session, then review logins since {time} in auth.log/secure and wtmp.',
        },
        'zh-CN': {
          title: 'PAM 允许任何人通过 {service} 认证：auth 栈中有 pam_permit.so',
          detail:
            '{file} 第 {line} 行把 pam_permit.so 放在决定登录结果的位置（{control}）。这样通过 {service} 登录任何账户（包括 root）时，任意密码甚至空密码都会被接受。',
          action:
            '在已打开的 root 会话中立即修复（不要退出登录）：按发行版默认恢复该行（Debian：“auth [success=1 default=ignore] pam_unix.so nullok” 加 “auth requisite pam_deny.so”；RHEL：authselect apply-changes），在第二个会话中用错误密码测试，然后在 auth.log/secure 和 wtmp 中审查 {time} 以来的登录。',
        },
      },
      unreachable: {
        en: {
          title: 'pam_permit.so added to the auth stack of {service} (after pam_deny, so not yet effective)',
          detail:
            '{file} line {line} adds pam_permit.so with "{control}" after a pam_deny that stops failed logins first. It does not open the door as written, but nobody ships it like this: someone edited the stack.',
          action:
            'Remove the line (sed -i "{line}s/^/#/" {file}), compare the file with the package default (dpkg -S {file} or rpm -qf {file}; apt-get download the package and diff), and look for other PAM or sshd changes made at the same time ({time}).',
        },
        'zh-CN': {
          title: '{service} 的 auth 栈中被加入了 pam_permit.so（位于 pam_deny 之后，暂未生效）',
          detail:
            '{file} 第 {line} 行以 “{control}” 加入了 pam_permit.so，但其前面的 pam_deny 会先拦下失败的登录。按现状它不会放行，但没有软件包会这样配置：有人修改过该栈。',
          action:
            '删除该行（sed -i "{line}s/^/#/" {file}），与软件包默认配置对比（dpkg -S {file} 或 rpm -qf {file}；下载软件包后 diff），并排查同一时间（{time}）的其他 PAM 或 sshd 改动。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const pam = snapshot.facts.pam;
    if (!pam) return;
    const services = new Set(intel.hooks.pamAuthServices);
    const helpers = new Set(intel.hooks.pamNonAuthModules);
    const reported = new Set<string>();
    for (const file of pam.files) {
      if (!services.has(file.service)) continue;
      const stack = expandStack(pam, file, 'auth');
      const checksCredentials = stack.some((e) => !helpers.has(moduleName(e.module)));
      stack.forEach((e, i) => {
        if (moduleName(e.module) !== 'pam_permit') return;
        let messageId: 'permit' | 'unreachable' | null = null;
        let severity: Severity = 'critical';
        if (endsStackOnSuccess(e.control)) {
          if (denyBefore(stack, i)) {
            messageId = 'unreachable';
            severity = 'high';
          } else messageId = 'permit';
        } else if (!checksCredentials) messageId = 'permit';
        const key = `${e.file.path}:${e.n}`;
        if (!messageId || reported.has(key)) return;
        reported.add(key);
        const evidence: PhraseValue[] = [pamEvidence(e)];
        if (e.file !== file) evidence.push(phrase('pam.includedFrom', { path: file.path }));
        report({
          messageId,
          severity,
          data: { service: file.service, file: e.file.path, line: e.n, control: e.control, time: e.file.mtime ?? '?' },
          path: e.file.path,
          time: e.file.mtime ?? undefined,
          evidence,
        });
      });
    }
  },
});
