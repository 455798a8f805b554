import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { owned, suspiciousPlace } from './hook-paths';
import { inModuleDir, pamEvidence } from './pam-stack';

export default defineRule({
  meta: {
    id: 'hooks/pam-rogue-module',
    category: 'pam',
    severity: 'critical',
    attack: ['T1556.003'],
    status: 'stable',
    description:
      'A PAM module that is not what the distribution shipped: a packaged module (pam_unix.so…) whose MD5 differs from the dpkg record (the classic pam_unix master-password backdoor), a module file no package owns, or a stack loading a module by absolute path from outside the module directories.',
    falsePositives: [
      'Third-party PAM modules built from source (Duo, Google Authenticator) are unowned: reported as high when used, medium when not. A module updated outside dpkg or rpm (manual rebuild) also shows as modified.',
    ],
    references: ['https://attack.mitre.org/techniques/T1556/003/', 'https://github.com/zephrax/linux-pam-backdoor'],
    uses: ['pam'],
    messages: {
      modified: {
        en: {
          title: 'PAM module {module} differs from the packaged file',
          detail:
            '{module} has {algorithm} {md5}, but the package recorded {expected}. Patched pam_unix.so-style modules accept a hard-coded master password for every account and often log real passwords; this is a backdoor until proven otherwise.',
          action:
            'Copy it for evidence (cp -a {module} /root/evidence/), reinstall the package from a trusted mirror ({reinstall}), verify with {verify}, then rotate all passwords used on this host.',
        },
        'zh-CN': {
          title: 'PAM 模块 {module} 与软件包中的文件不一致',
          detail:
            '{module} 的 {algorithm} 为 {md5}，而软件包记录的是 {expected}。被篡改的 pam_unix.so 类模块会为所有账户接受一个硬编码的万能密码，并常常记录真实密码；在证明无害之前应视为后门。',
          action:
            '复制留证（cp -a {module} /root/evidence/），从可信源重装软件包（{reinstall}），用 {verify} 校验，然后修改本机使用过的所有密码。',
        },
      },
      unownedUsed: {
        en: {
          title: 'PAM loads {module}, which no package owns',
          detail:
            '{module} is used by {file} line {line} but no installed package provides it. PAM modules run inside sshd, login and sudo with root rights and see every password; unpackaged ones are either hand-built third-party modules or backdoors.',
          action:
            'Identify it (strings {module} | head; sha256sum {module}) and check with the team whether it was built on purpose (Duo, OTP). If not: copy it for evidence, remove the stack line (sed -i "{line}s/^/#/" {file}) and rotate passwords.',
        },
        'zh-CN': {
          title: 'PAM 加载了不属于任何软件包的 {module}',
          detail:
            '{file} 第 {line} 行使用了 {module}，但没有任何已安装软件包提供它。PAM 模块以 root 权限运行在 sshd、login、sudo 内部，能看到所有密码；非软件包的模块要么是自行编译的第三方模块，要么是后门。',
          action:
            '识别它（strings {module} | head；sha256sum {module}），与团队确认是否有意安装（Duo、OTP）。若不是：复制留证，删除该行（sed -i "{line}s/^/#/" {file}）并修改密码。',
        },
      },
      unowned: {
        en: {
          title: 'Unpackaged PAM module lying in a module directory: {module}',
          detail:
            'No package owns {module} and no PAM stack uses it right now. Attackers stage modified modules here before swapping them in; a one-line edit in /etc/pam.d would activate it.',
          action:
            'Check what it is (strings {module} | head; sha256sum {module}); if nobody built it on purpose, copy it for evidence and delete it.',
        },
        'zh-CN': {
          title: '模块目录中有不属于软件包的 PAM 模块：{module}',
          detail:
            '没有软件包拥有 {module}，目前也没有 PAM 栈使用它。攻击者常把篡改过的模块先放在这里，只需在 /etc/pam.d 中改一行即可启用。',
          action: '确认其内容（strings {module} | head；sha256sum {module}）；若无人有意安装，复制留证后删除。',
        },
      },
      outside: {
        en: {
          title: 'PAM stack loads a module from outside the module directories: {module}',
          detail:
            '{file} line {line} loads {module} by absolute path. Packages always install PAM modules in the security directories; a module elsewhere (especially a temporary or hidden path) is how PAM backdoors get loaded without touching pam_unix.so.',
          action:
            'Copy {module} for evidence (cp -a {module} /root/evidence/; sha256sum {module}), comment the line out from an open root session (sed -i "{line}s/^/#/" {file}), test a login in a second session, and rotate passwords typed since {time}.',
        },
        'zh-CN': {
          title: 'PAM 栈从模块目录之外加载模块：{module}',
          detail:
            '{file} 第 {line} 行以绝对路径加载 {module}。软件包总是把 PAM 模块安装在 security 目录中；位于其他位置（尤其是临时或隐藏路径）的模块，是 PAM 后门在不改动 pam_unix.so 的情况下被加载的方式。',
          action:
            '复制 {module} 留证（cp -a {module} /root/evidence/；sha256sum {module}），在已打开的 root 会话中注释该行（sed -i "{line}s/^/#/" {file}），在第二个会话测试登录，并修改 {time} 以来输入过的密码。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const pam = snapshot.facts.pam;
    if (!pam) return;
    const users = new Map<string, { file: (typeof pam.files)[number]; n: number; text: string }>();
    for (const file of pam.files) {
      for (const e of file.entries) {
        if (!e.resolved) continue;
        if (!users.has(e.resolved)) users.set(e.resolved, { file, n: e.n, text: e.text });
        if (!inModuleDir(e.resolved, pam.moduleDirs)) {
          report({
            messageId: 'outside',
            severity: suspiciousPlace(e.resolved, intel) || owned(snapshot, e.resolved) === false ? 'critical' : 'high',
            data: { module: e.resolved, file: file.path, line: e.n, time: file.mtime ?? '?' },
            path: file.path,
            time: file.mtime ?? undefined,
            evidence: [pamEvidence({ file, n: e.n, text: e.text })],
          });
        }
      }
    }
    for (const m of pam.modules) {
      const use = users.get(m.path);
      const where = use ? [pamEvidence(use)] : [];
      const fileLine = phrase('pam.moduleFile', {
        path: m.path,
        size: m.size,
        mtime: m.mtime ?? '?',
        md5: `${m.md5 ?? '?'}${m.sha256 ? `, sha256 ${m.sha256}` : ''}`,
      });
      const sha = m.packageSha256 && m.sha256 && m.sha256 !== m.packageSha256;
      if ((m.packageMd5 && m.md5 && m.md5 !== m.packageMd5) || sha) {
        const rpm = snapshot.facts.packages?.manager === 'rpm';
        const data = {
          module: m.path,
          algorithm: sha ? 'SHA256' : 'MD5',
          md5: (sha ? m.sha256 : m.md5) ?? '?',
          expected: (sha ? m.packageSha256 : m.packageMd5) ?? '?',
          reinstall: rpm ? `yum reinstall $(rpm -qf ${m.path})` : `apt-get install --reinstall $(dpkg -S ${m.path} | cut -d: -f1)`,
          verify: rpm ? `rpm -Vf ${m.path}` : 'dpkg --verify',
        };
        report({
          messageId: 'modified',
          severity: 'critical',
          data,
          path: m.path,
          time: m.mtime ?? undefined,
          evidence: [fileLine, ...where],
        });
        continue;
      }
      if (use && !inModuleDir(m.path, pam.moduleDirs)) continue; // reported above as "outside"
      if (owned(snapshot, m.path) !== false) continue;
      if (use)
        report({
          messageId: 'unownedUsed',
          severity: 'high',
          data: { module: m.path, file: use.file.path, line: use.n },
          path: m.path,
          time: m.mtime ?? undefined,
          evidence: [fileLine, ...where],
        });
      else
        report({
          messageId: 'unowned',
          severity: 'medium',
          data: { module: m.path },
          path: m.path,
          time: m.mtime ?? undefined,
          evidence: [fileLine],
        });
    }
  },
});
