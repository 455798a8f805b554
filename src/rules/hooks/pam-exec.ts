import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { owned, suspiciousPlace } from './hook-paths';
import { moduleName, pamEvidence } from './pam-stack';

const OPTION = /^(?:debug|expose_authtok|seteuid|quiet|quiet_log|stdout|log=.*|type=.*)$/;

export default defineRule({
  meta: {
    id: 'hooks/pam-exec',
    category: 'pam',
    severity: 'medium',
    attack: ['T1556.003'],
    status: 'stable',
    description:
      'pam_exec.so runs a program on every login, sudo or password change, as root. With expose_authtok the program receives the typed password on stdin, which is how PAM password loggers work. Packaged stacks calling packaged programs are not reported.',
    falsePositives: [
      'Admin login notifications (mail or chat on SSH login) via a script in /usr/local: medium, or critical only if they also take the password (expose_authtok).',
    ],
    references: ['https://attack.mitre.org/techniques/T1556/003/', 'https://man7.org/linux/man-pages/man8/pam_exec.8.html'],
    uses: ['pam'],
    messages: {
      exec: {
        en: {
          title: 'PAM runs {program} as root at every {type} step of {service}',
          detail:
            '{file} line {line} calls pam_exec.so with {program}. It runs as root each time someone authenticates; login notifiers do this, and so do backdoors that want to run at every login.',
          action:
            'Read the program (cat {program}; dpkg -S {program} or rpm -qf {program}). If nobody on the team installed it, copy it for evidence and comment the line out: sed -i "{line}s/^/#/" {file}.',
        },
        'zh-CN': {
          title: 'PAM 在 {service} 的每次 {type} 阶段以 root 运行 {program}',
          detail:
            '{file} 第 {line} 行通过 pam_exec.so 调用 {program}。每次有人认证时它都以 root 身份运行；登录通知脚本会这样做，想在每次登录时执行的后门也会这样做。',
          action:
            '查看该程序（cat {program}；dpkg -S {program} 或 rpm -qf {program}）。若团队中无人安装，复制留证后注释该行：sed -i "{line}s/^/#/" {file}。',
        },
      },
      suspicious: {
        en: {
          title: 'PAM runs {program} from a temporary, hidden or unpackaged location at every {type} of {service}',
          detail:
            '{file} line {line} calls pam_exec.so with {program}, which no package owns or which lives in a temporary or hidden directory. It runs as root at every authentication.',
          action:
            'Copy the program for evidence (cp -a {program} /root/evidence/; sha256sum {program}), comment the line out (sed -i "{line}s/^/#/" {file}), and check what it did (its output files, outbound connections).',
        },
        'zh-CN': {
          title: 'PAM 在 {service} 的每次 {type} 阶段运行来自临时、隐藏或非软件包位置的 {program}',
          detail:
            '{file} 第 {line} 行通过 pam_exec.so 调用 {program}，该程序不属于任何软件包，或位于临时/隐藏目录。每次认证时它都以 root 身份运行。',
          action:
            '复制该程序留证（cp -a {program} /root/evidence/；sha256sum {program}），注释该行（sed -i "{line}s/^/#/" {file}），并检查它做过什么（输出文件、外连）。',
        },
      },
      password: {
        en: {
          title: 'PAM hands typed passwords to {program} ({service}, expose_authtok)',
          detail:
            '{file} line {line} runs {program} with expose_authtok, so it receives every password typed for {service} in clear text. Combined with an unpackaged or hidden program this is a password logger.',
          action:
            'Assume every password typed on this host since {time} is stolen: comment the line out (sed -i "{line}s/^/#/" {file}), copy {program} and any log it wrote for evidence, then rotate those passwords and check other hosts that share them.',
        },
        'zh-CN': {
          title: 'PAM 把输入的密码交给了 {program}（{service}，expose_authtok）',
          detail:
            '{file} 第 {line} 行以 expose_authtok 运行 {program}，它会以明文收到所有为 {service} 输入的密码。配合非软件包或隐藏的程序，这就是密码记录器。',
          action:
            '视 {time} 以来本机输入过的所有密码已泄露：注释该行（sed -i "{line}s/^/#/" {file}），复制 {program} 及其写出的日志留证，然后修改这些密码，并排查共用这些密码的其他主机。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const file of snapshot.facts.pam?.files ?? []) {
      const fileOwned = owned(snapshot, file.path);
      for (const e of file.entries) {
        if (moduleName(e.module) !== 'pam_exec') continue;
        const program = e.args.find((a) => !OPTION.test(a));
        if (!program) continue;
        const exposes = e.args.includes('expose_authtok');
        const own = program.startsWith('/') ? owned(snapshot, program) : null;
        const bad = suspiciousPlace(program, intel) !== null || own === false;
        let messageId: 'exec' | 'suspicious' | 'password' = bad ? 'suspicious' : 'exec';
        let severity: Severity = suspiciousPlace(program, intel) ? 'high' : 'medium';
        if (exposes && (bad || own === null)) {
          messageId = 'password';
          severity = bad ? 'critical' : 'high';
        } else if (own === true && fileOwned === true) continue;
        report({
          messageId,
          severity,
          data: { program, service: file.service, type: e.type, file: file.path, line: e.n, time: file.mtime ?? '?' },
          path: file.path,
          time: file.mtime ?? undefined,
          evidence: [pamEvidence({ file, n: e.n, text: e.text })],
        });
      }
    }
  },
});
