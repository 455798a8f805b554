import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { isLoginShell, passwdEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/gid-zero-login',
    category: 'account',
    severity: 'medium',
    attack: ['T1078.003', 'T1098'],
    status: 'stable',
    description:
      'A login account other than root whose primary group is GID 0 or that is a member of a GID-0 group, and any group other than root with GID 0 (a second name for the root group, which hides memberships from a look at "root").',
    falsePositives: ["RHEL's operator/sync/shutdown/halt have GID 0 but no login shell and are not reported."],
    uses: ['users'],
    messages: {
      primary: {
        en: {
          title: "Login account {name} has root's group (GID 0) as primary group",
          detail:
            'Files it creates belong to group root, and it can write every file root made group-writable. Backdoor accounts get GID 0 so they pass for service accounts yet keep root-level reach.',
          action:
            'Check who uses it (last {name}), then give it its own group: groupadd {name} 2>/dev/null; usermod -g {name} {name}; or lock it: usermod -L -s /usr/sbin/nologin {name}.',
        },
        'zh-CN': {
          title: '可登录账号 {name} 的主组是 root 组（GID 0）',
          detail: '它创建的文件属于 root 组，还能写入所有对 root 组可写的文件。后门账号常设 GID 0，看似服务账号，却拥有接近 root 的权限。',
          action:
            '先确认谁在使用（last {name}），再改为独立的组：groupadd {name} 2>/dev/null; usermod -g {name} {name}；或直接锁定：usermod -L -s /usr/sbin/nologin {name}。',
        },
      },
      member: {
        en: {
          title: 'Login account {name} is a member of the root group ({group}, GID 0)',
          detail:
            'Group {group} (GID 0) lists "{name}" as a member, so it can use every file and socket root left group-accessible. Stock systems keep this group empty.',
          action: 'Remove it unless documented: gpasswd -d {name} {group}; then check recent activity: last {name}.',
        },
        'zh-CN': {
          title: '可登录账号 {name} 是 root 组成员（{group}，GID 0）',
          detail: '{group} 组（GID 0）的成员列表中有“{name}”，它能访问所有对 root 组开放的文件和套接字。标准系统中该组没有成员。',
          action: '若无记录说明，移出该组：gpasswd -d {name} {group}；然后查看最近活动：last {name}。',
        },
      },
      group: {
        en: {
          title: "Group {group} has GID 0, the root group's number",
          detail:
            '/etc/group gives {group} the GID of root ({members}). To the kernel it is the root group: its members and every account with GID 0 reach all files root left group-accessible, while a look for "root" in /etc/group misses them.',
          action:
            'Unless documented, remove it (groupdel {group}; or groupmod -g <free GID> {group}), then check the accounts that use it (grep -E ":0:[^:]*:[^:]*:[^:]*$" /etc/passwd) and recent changes to /etc/group (stat /etc/group /etc/gshadow).',
        },
        'zh-CN': {
          title: '组 {group} 的 GID 为 0，与 root 组相同',
          detail:
            '/etc/group 给 {group} 分配了 root 的 GID（{members}）。对内核而言它就是 root 组：其成员以及所有 GID 为 0 的账号都能访问 root 组可访问的全部文件，而在 /etc/group 中只查找“root”会漏掉它们。',
          action:
            '若无记录说明，删除它（groupdel {group}；或 groupmod -g <空闲 GID> {group}），然后检查使用它的账号（grep -E ":0:[^:]*:[^:]*:[^:]*$" /etc/passwd）以及 /etc/group 的近期改动（stat /etc/group /etc/gshadow）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const users = snapshot.facts.users?.users ?? [];
    for (const u of users) {
      if (u.uid === 0 || u.gid !== 0 || !isLoginShell(intel, u.shell)) continue;
      report({ messageId: 'primary', data: { name: u.name }, path: '/etc/passwd', user: u.name, evidence: [passwdEvidence(snapshot, u)] });
    }
    for (const g of snapshot.facts.users?.groups ?? []) {
      if (g.gid !== 0) continue;
      if (g.name !== 'root') {
        const primary = users.filter((u) => u.gid === 0).map((u) => u.name);
        report({
          messageId: 'group',
          data: {
            group: g.name,
            members: phrase('group.gid0Members', {
              members: g.members.length > 0 ? g.members.join(', ') : '-',
              primary: primary.join(', ') || '-',
            }),
          },
          path: '/etc/group',
          evidence: [`/etc/group: ${g.name}:x:${g.gid}:${g.members.join(',')}`],
        });
      }
      for (const m of g.members) {
        const u = users.find((x) => x.name === m);
        if (!u || u.uid === 0 || !isLoginShell(intel, u.shell)) continue;
        report({
          messageId: 'member',
          data: { name: m, group: g.name },
          path: '/etc/group',
          user: m,
          evidence: [`/etc/group: ${g.name}:x:${g.gid}:${g.members.join(',')}`, passwdEvidence(snapshot, u)],
        });
      }
    }
  },
});
