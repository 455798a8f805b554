import type { AccountChange } from '../../collect/logs/activity';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/logged-account-change',
    category: 'account',
    severity: 'high',
    attack: ['T1136.001', 'T1098', 'T1070'],
    status: 'stable',
    description:
      'Account changes recorded by useradd, usermod, gpasswd and userdel in the logs (auth.log, secure or the systemd journal): an account created with UID 0 or changed to UID 0, an account added to an administrative group (sudo, wheel, root, adm, docker…), or an account created and deleted again. The logs keep these after /etc/passwd has been cleaned up.',
    falsePositives: [
      'An administrator granting sudo to a new colleague (usermod -aG sudo name): confirm with the team.',
      'Provisioning tools that create and remove short-lived accounts.',
    ],
    references: ['https://attack.mitre.org/techniques/T1136/001/', 'https://attack.mitre.org/techniques/T1098/'],
    uses: ['authLog'],
    messages: {
      uid0: {
        en: {
          title: 'Account {name} was given UID 0 at {time}',
          detail:
            '{program} logged at {time} in {path} that {name} got UID 0 ({detail}): a second root account, the classic backdoor that survives a root password change.',
          action:
            "Check it now (getent passwd {name}; awk -F: '$3==0' /etc/passwd); lock and remove it after preserving /etc/passwd and /etc/shadow (usermod -L {name}; userdel {name}), and find who ran {program} around {time} (sudo and SSH logins just before).",
        },
        'zh-CN': {
          title: '账户 {name} 于 {time} 被赋予 UID 0',
          detail:
            '{program} 于 {time} 在 {path} 中记录 {name} 获得了 UID 0（{detail}）：这是第二个 root 账户，修改 root 密码也无法清除的经典后门。',
          action:
            "立即检查（getent passwd {name}；awk -F: '$3==0' /etc/passwd）；保全 /etc/passwd 和 /etc/shadow 后锁定并删除（usermod -L {name}；userdel {name}），并查出 {time} 前后是谁运行了 {program}（之前的 sudo 和 SSH 登录）。",
        },
      },
      privileged: {
        en: {
          title: '{name} was added to group {group} at {time}',
          detail:
            '{program} logged at {time} in {path} that {name} joined {group}, which gives administrator rights. Attackers add their own or a dormant account to sudo/wheel to keep root access.',
          action:
            'Confirm with the team; if nobody did it, remove the membership (gpasswd -d {name} {group}), lock {name} (passwd -l {name}), check ~{name}/.ssh/authorized_keys and what {name} ran with sudo since {time}.',
        },
        'zh-CN': {
          title: '{name} 于 {time} 被加入 {group} 组',
          detail:
            '{program} 于 {time} 在 {path} 中记录 {name} 加入了具有管理员权限的 {group} 组。攻击者常把自己的或闲置的账户加入 sudo/wheel 组以保持 root 权限。',
          action:
            '与团队确认；若无人操作，移除该成员关系（gpasswd -d {name} {group}），锁定 {name}（passwd -l {name}），检查 ~{name}/.ssh/authorized_keys 以及 {name} 自 {time} 起用 sudo 执行过的命令。',
        },
      },
      temporary: {
        en: {
          title: 'Account {name} was created at {time} and deleted at {deleted}',
          detail:
            'The logs ({path}) show {name} created at {time} ({detail}) and removed at {deleted}. An account that lives for a short while is how an intruder works and then hides the account; its files may still be on disk.',
          action:
            'Find what it left: files it owned (find / -xdev -nouser), its home if kept (ls -la /home/{name}), logins and sudo use between {time} and {deleted} (journalctl, /var/log/auth.log, wtmp).',
        },
        'zh-CN': {
          title: '账户 {name} 于 {time} 创建、于 {deleted} 删除',
          detail:
            '日志（{path}）显示 {name} 在 {time} 被创建（{detail}），又在 {deleted} 被删除。短暂存在的账户是入侵者作案后隐藏账户的手法；其文件可能仍留在磁盘上。',
          action:
            '找出它留下的东西：无属主的文件（find / -xdev -nouser）、若保留则查看其主目录（ls -la /home/{name}），以及 {time} 到 {deleted} 之间的登录和 sudo 使用情况（journalctl、/var/log/auth.log、wtmp）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const changes = snapshot.facts.authLog?.activity.accountChanges;
    if (!changes) return;
    const privileged = new Set(intel.logs.privilegedGroups);
    const evidence = (c: AccountChange) => `${c.path}: ${c.line}`;
    const reported = new Set<string>();
    for (const c of changes) {
      const time = c.time ?? '?';
      if ((c.kind === 'new-user' || c.kind === 'uid-change') && c.id === 0 && c.name !== 'root') {
        report({
          messageId: 'uid0',
          severity: 'critical',
          data: { name: c.name, time, program: c.program, path: c.path, detail: c.detail },
          user: c.name,
          path: c.path,
          time: c.time ?? undefined,
          evidence: [evidence(c)],
        });
      } else if (c.kind === 'group-member' && privileged.has(c.detail)) {
        // useradd and usermod log the group and the shadow group: one finding per account and group.
        const key = `${c.name}\u0000${c.detail}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: 'privileged',
          data: { name: c.name, group: c.detail, time, program: c.program, path: c.path },
          user: c.name,
          path: c.path,
          time: c.time ?? undefined,
          evidence: [evidence(c)],
        });
      } else if (c.kind === 'new-user') {
        const gone = changes.find((d) => d.kind === 'delete-user' && d.name === c.name && (d.time ?? '') >= (c.time ?? ''));
        if (!gone) continue;
        report({
          messageId: 'temporary',
          data: { name: c.name, time, deleted: gone.time ?? '?', detail: c.detail, path: c.path },
          user: c.name,
          path: c.path,
          time: c.time ?? undefined,
          evidence: [evidence(c), evidence(gone)],
        });
      }
    }
  },
});
