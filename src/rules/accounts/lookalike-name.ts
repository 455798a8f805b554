import { defineRule } from '../rule';
import { isLoginShell, passwdEvidence } from './account-facts';
import { lookalikeOf } from './lookalike';

export default defineRule({
  meta: {
    id: 'accounts/lookalike-name',
    category: 'account',
    severity: 'high',
    attack: ['T1136.001', 'T1036.005'],
    status: 'stable',
    description:
      'A user or group whose name imitates a standard system name ("maill", "r00t", "sysadm1n", "systemd-network1", "ssh", "deamon"), so it passes a quick look at /etc/passwd.',
    falsePositives: ['A person whose login happens to be such a variant, e.g. "root2" for a lab; allow-list it.'],
    uses: ['users'],
    messages: {
      user: {
        en: {
          title: 'Account {name} imitates the system name "{like}"',
          detail:
            '"{name}" (UID {uid}, shell {shell}) is spelled like the standard "{like}" with a doubled letter, digit for letter, swapped letters or an added number. Real system accounts are spelled exactly; look-alikes are made to survive a glance at /etc/passwd (a "maill" user and group came with the XOR.DDoS trojan).',
          action:
            'Lock it: usermod -L -e 1 -s /usr/sbin/nologin {name}; see what it owns and did: find / -xdev -user {name} -ls 2>/dev/null | head; last {name}; then userdel -r {name} and groupdel {name} after review.',
        },
        'zh-CN': {
          title: '账号 {name} 仿冒系统名称“{like}”',
          detail:
            '“{name}”（UID {uid}，shell {shell}）与标准名称“{like}”只差一个重复字母、数字代字母、字母对调或多一个数字。真正的系统账号拼写准确；仿冒名是为了躲过对 /etc/passwd 的粗略检查（XOR.DDoS 木马就带有 maill 用户和组）。',
          action:
            '锁定：usermod -L -e 1 -s /usr/sbin/nologin {name}；查看其拥有的文件和活动：find / -xdev -user {name} -ls 2>/dev/null | head；last {name}；审查后执行 userdel -r {name} 和 groupdel {name}。',
        },
      },
      group: {
        en: {
          title: 'Group {name} imitates the system group "{like}"',
          detail:
            'Group "{name}" (GID {gid}) is spelled like the standard "{like}". A look-alike group gives files and sudo rules a familiar-looking owner.',
          action:
            'List its members and files: getent group {name}; find / -xdev -group {name} -ls 2>/dev/null | head; grep -r "%{name}" /etc/sudoers /etc/sudoers.d; remove after review: groupdel {name}.',
        },
        'zh-CN': {
          title: '用户组 {name} 仿冒系统组“{like}”',
          detail: '组“{name}”（GID {gid}）与标准组“{like}”拼写相近。仿冒组让文件和 sudo 规则的属主看起来眼熟。',
          action:
            '查看成员和文件：getent group {name}；find / -xdev -group {name} -ls 2>/dev/null | head；grep -r "%{name}" /etc/sudoers /etc/sudoers.d；审查后删除：groupdel {name}。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const { systemUsers, systemGroups, impersonatedNames } = intel.accounts;
    const userStandard = [...systemUsers, ...impersonatedNames];
    const flaggedUsers = new Set<string>();
    for (const u of snapshot.facts.users?.users ?? []) {
      const like = lookalikeOf(u.name, userStandard);
      if (!like) continue;
      flaggedUsers.add(u.name);
      report({
        messageId: 'user',
        data: { name: u.name, like, uid: u.uid, shell: u.shell || '/bin/sh' },
        severity: u.uid === 0 || isLoginShell(intel, u.shell) ? 'high' : 'medium',
        path: '/etc/passwd',
        user: u.name,
        evidence: [passwdEvidence(snapshot, u)],
      });
    }
    for (const g of snapshot.facts.users?.groups ?? []) {
      if (flaggedUsers.has(g.name)) continue; // useradd's own group for the user already reported
      const like = lookalikeOf(g.name, [...systemGroups, ...impersonatedNames]);
      if (!like) continue;
      report({
        messageId: 'group',
        data: { name: g.name, like, gid: g.gid },
        severity: 'medium',
        path: '/etc/group',
        evidence: [`/etc/group: ${g.name}:x:${g.gid}:${g.members.join(',')}`],
      });
    }
  },
});
