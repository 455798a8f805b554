import { countOf } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { clip, fileEvidence, packageState, recentFile } from './judge';

export default defineRule({
  meta: {
    id: 'persistence/cron-unowned-file',
    category: 'cron',
    severity: 'info',
    attack: ['T1053.003'],
    status: 'stable',
    description:
      'Inventory of cron files no package installed (user crontabs, added cron.d files and cron scripts) and package cron files edited since installation: info, low when changed in the recent window; a compiled program dropped into a cron directory is high.',
    falsePositives: [
      'Every admin-written job appears here at info or low; that is the point of an inventory. Allow-list reviewed files by path.',
    ],
    references: ['https://attack.mitre.org/techniques/T1053/003/'],
    uses: ['cronJobs', 'packages'],
    messages: {
      binary: {
        en: {
          title: 'Compiled program in a cron directory: {path}',
          detail:
            "cron and run-parts execute everything in {path}'s directory, and this file is a binary, not a script. Package cron jobs are shell scripts; DDoS trojans drop their ELF copies here to be restarted every hour or day.",
          action:
            'Copy it for analysis (cp -a {path} /root/ir/; sha256sum {path}), look for a running copy (ls -l /proc/*/exe 2>/dev/null | grep {name}), then remove it (chattr -ia {path} first if needed).',
        },
        'zh-CN': {
          title: 'cron 目录中存在已编译程序：{path}',
          detail:
            'cron 和 run-parts 会执行 {path} 所在目录中的所有文件，而该文件是二进制程序而非脚本。软件包的 cron 任务都是 shell 脚本；DDoS 木马会把 ELF 副本放在这里，每小时或每天被重新拉起。',
          action:
            '先复制留存分析（cp -a {path} /root/ir/; sha256sum {path}），查找正在运行的副本（ls -l /proc/*/exe 2>/dev/null | grep {name}），再删除（必要时先 chattr -ia {path}）。',
        },
      },
      'unowned-file': {
        en: {
          title: 'Cron file not installed by any package: {path} ({jobs})',
          detail:
            'It schedules {jobs}, first: "{first}". Added cron files are normal for admins and for attackers alike; review each line, especially if the file changed around the time of the incident.',
          action:
            'Read it (cat -A {path}; for a user crontab: crontab -u {user} -l) and ask who added it. Anything unknown: copy it to /root/ir/, then remove it (crontab -u {user} -r, or rm {path}).',
        },
        'zh-CN': {
          title: '不属于任何软件包的 cron 文件：{path}（{jobs}）',
          detail:
            '它调度了 {jobs}，第一条为“{first}”。新增 cron 文件对管理员和攻击者都很常见；请逐行核对，尤其是在入侵时间前后修改过的文件。',
          action:
            '查看内容（cat -A {path}；用户 crontab：crontab -u {user} -l）并确认添加者。来历不明的先复制到 /root/ir/，再删除（crontab -u {user} -r 或 rm {path}）。',
        },
      },
      'modified-file': {
        en: {
          title: 'Package cron file edited since installation: {path}',
          detail:
            'Its content no longer matches the checksum {manager} recorded. Admins do edit /etc/crontab; intruders append a line to it because few people look there twice.',
          action: 'Compare with the packaged version ({compare}) and remove lines nobody can explain.',
        },
        'zh-CN': {
          title: '软件包的 cron 文件安装后被修改：{path}',
          detail:
            '文件内容与 {manager} 记录的校验和不一致。管理员确实会编辑 /etc/crontab；入侵者也会往里追加一行，因为很少有人反复检查它。',
          action: '与软件包原始版本比对（{compare}），删除无法解释的行。',
        },
      },
    },
  },
  check({ snapshot, since, report }) {
    for (const table of snapshot.facts.cronJobs ?? []) {
      const state = packageState(snapshot, table.file);
      const evidence = [
        fileEvidence(table.file, state),
        ...table.entries.slice(0, 5).map((e) => `${table.file.path}:${e.line}: ${clip(e.text)}`),
      ];
      const time = table.file.mtime ?? undefined;
      const name = table.file.path.slice(table.file.path.lastIndexOf('/') + 1);
      if (table.binary) {
        if (state !== 'owned')
          report({ messageId: 'binary', severity: 'high', data: { path: table.file.path, name }, path: table.file.path, time, evidence });
        continue;
      }
      const severity = recentFile(table.file, since) ? 'low' : 'info';
      const user = table.kind === 'user' ? name : 'root';
      if (state === 'unowned' && table.entries.length > 0) {
        const first = clip(table.entries[0].command, 160);
        report({
          messageId: 'unowned-file',
          severity,
          data: { path: table.file.path, jobs: countOf('jobs', table.entries.length), first, user },
          path: table.file.path,
          user,
          time,
          evidence,
        });
      } else if (state === 'modified') {
        const path = table.file.path;
        const compare =
          snapshot.facts.packages?.manager === 'rpm'
            ? `rpm -Vf ${path}; yumdownloader $(rpm -qf ${path}); rpm2cpio <package>.rpm | cpio -i --to-stdout .${path} | diff - ${path}`
            : `dpkg -S ${path}; apt-get download <package>; dpkg-deb --fsys-tarfile <deb> | tar -xO .${path} | diff - ${path}`;
        const manager = snapshot.facts.packages?.manager === 'rpm' ? 'rpm' : 'dpkg';
        report({ messageId: 'modified-file', severity, data: { path, manager, compare }, path, time, evidence });
      }
    }
  },
});
