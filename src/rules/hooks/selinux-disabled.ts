import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

// Miner droppers and DDoS kits on CentOS open with "setenforce 0" and rewrite SELINUX= in
// /etc/selinux/config so the next boot stays unprotected. Many admins disabled SELinux at install
// time years ago, so only a recent change to the file, or a live host running permissive against
// its own configuration, is reported.

const OFF = ['disabled', 'permissive'];

export default defineRule({
  meta: {
    id: 'hooks/selinux-disabled',
    category: 'selinux',
    severity: 'high',
    attack: ['T1562.001'],
    status: 'stable',
    description:
      'SELinux switched off recently: /etc/selinux/config set to SELINUX=disabled or permissive and changed within the recent window, or (live) the kernel running permissive while the configuration says enforcing — what "setenforce 0" in a dropper script leaves behind.',
    falsePositives: [
      "An admin disabling SELinux this week to get an application working: check the change time against the team's change log.",
      'A host where SELinux was disabled long ago is not reported (the file is not recent).',
    ],
    references: ['https://attack.mitre.org/techniques/T1562/001/', 'https://man7.org/linux/man-pages/man8/setenforce.8.html'],
    uses: ['selinux'],
    messages: {
      config: {
        en: {
          title: 'SELinux set to {mode} in /etc/selinux/config, changed {time}',
          detail:
            '{path} line {line} now reads "{text}" and the file changed on {time}, inside the window of this investigation. Miner and botnet installers run "setenforce 0" and rewrite this line so their files and ports stay usable after a reboot; with SELinux off, confined services such as httpd and sshd can reach everything root can.',
          action:
            'Find out who changed it: grep -E "setenforce|selinux/config" /root/.bash_history /home/*/.bash_history /var/spool/cron/* /etc/cron*/* /tmp/*.sh 2>/dev/null; ausearch -m MAC_STATUS,MAC_CONFIG_CHANGE. After cleaning, set SELINUX=enforcing, run "touch /.autorelabel" and reboot.',
        },
        'zh-CN': {
          title: 'SELinux 在 /etc/selinux/config 中被设为 {mode}，修改时间 {time}',
          detail:
            '{path} 第 {line} 行现为 “{text}”，文件修改于 {time}，正处于本次排查的时间窗口内。挖矿和僵尸网络安装脚本会执行 “setenforce 0” 并改写这一行，使其文件和端口在重启后仍然可用；SELinux 关闭后，httpd、sshd 等受限服务可以访问 root 能访问的一切。',
          action:
            '查明是谁修改的：grep -E "setenforce|selinux/config" /root/.bash_history /home/*/.bash_history /var/spool/cron/* /etc/cron*/* /tmp/*.sh 2>/dev/null；ausearch -m MAC_STATUS,MAC_CONFIG_CHANGE。清理完成后改回 SELINUX=enforcing，执行 “touch /.autorelabel” 并重启。',
        },
      },
      runtime: {
        en: {
          title: 'SELinux is running permissive although /etc/selinux/config says enforcing',
          detail:
            'The kernel reports permissive mode (/sys/fs/selinux/enforce is 0) while the configuration asks for enforcing: someone ran "setenforce 0" since boot. Droppers do this first so their payloads are not blocked.',
          action:
            'Check who did it (ausearch -m MAC_STATUS; grep setenforce /root/.bash_history /home/*/.bash_history /var/spool/cron/* /etc/cron*/* 2>/dev/null), then restore it with "setenforce 1" once the intruder\'s processes are stopped.',
        },
        'zh-CN': {
          title: 'SELinux 正以宽容模式运行，但 /etc/selinux/config 要求强制模式',
          detail:
            '内核报告为宽容模式（/sys/fs/selinux/enforce 为 0），而配置要求强制模式：开机后有人执行过 “setenforce 0”。投放脚本通常先这样做，以免其载荷被拦截。',
          action:
            '查明执行者（ausearch -m MAC_STATUS；grep setenforce /root/.bash_history /home/*/.bash_history /var/spool/cron/* /etc/cron*/* 2>/dev/null），在停止入侵者进程后用 “setenforce 1” 恢复。',
        },
      },
    },
  },
  check({ snapshot, since, report }) {
    const se = snapshot.facts.selinux;
    const c = se?.config;
    if (!se || !c) return;
    const changed =
      [c.mtime, c.ctime]
        .filter((t): t is string => t !== null)
        .sort()
        .pop() ?? null;
    const evidence: PhraseValue[] = [
      c.line ? `${c.path}:${c.line.n}: ${c.line.text}` : phrase('selinux.noLine', { path: c.path }),
      phrase('file.times', { mtime: c.mtime ?? '?', ctime: c.ctime ?? '?' }),
    ];
    if (c.mode !== null && OFF.includes(c.mode) && changed !== null && new Date(changed) >= since) {
      report({
        messageId: 'config',
        severity: c.mode === 'disabled' ? 'high' : 'medium',
        data: { mode: c.mode, path: c.path, line: c.line?.n ?? '?', text: c.line?.text ?? '', time: changed },
        path: c.path,
        user: 'root',
        time: changed,
        evidence,
      });
    }
    if (se.enforce === 0 && c.mode === 'enforcing')
      report({ messageId: 'runtime', data: {}, path: '/sys/fs/selinux/enforce', evidence: [...evidence, '/sys/fs/selinux/enforce: 0'] });
  },
});
