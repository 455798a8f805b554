import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/login-records-tampered',
    category: 'log_login',
    severity: 'high',
    attack: ['T1070.002'],
    status: 'stable',
    description:
      'wtmp/btmp edited in place: blanked (all-NUL) records between real ones, a size that is not a whole number of records, or login times running backwards.',
    falsePositives: [
      'A system clock stepped back by hours without a clock-change record; a crash while a record was being written (would leave a short tail).',
    ],
    references: ['https://attack.mitre.org/techniques/T1070/002/'],
    uses: ['logins'],
    messages: {
      zeroed: {
        en: {
          title: '{count} login record(s) blanked out in {path}',
          detail:
            "Between the records of {before} and {after}, {count} record(s) of {path} are all zero bytes. Nothing on Linux writes that; log cleaners (wtmpclean, zap, mig-logcleaner) blank the entries of the attacker's own logins.",
          action:
            'Preserve the file now (cp -a {path} /root/evidence/), then check who logged in between {before} and {after} in the other sources: /var/log/auth.log or /var/log/secure, journalctl -u ssh, /var/log/lastlog (lastlog), and your bastion or VPN logs.',
        },
        'zh-CN': {
          title: '{path} 中有 {count} 条登录记录被清零',
          detail:
            '在 {before} 与 {after} 的记录之间，{path} 有 {count} 条记录全部为零字节。Linux 上没有任何正常程序会这样写；日志清除工具（wtmpclean、zap、mig-logcleaner）会把攻击者自己的登录记录抹成零。',
          action:
            '立即保全该文件（cp -a {path} /root/evidence/），再从其他来源核对 {before} 至 {after} 之间的登录：/var/log/auth.log 或 /var/log/secure、journalctl -u ssh、lastlog，以及堡垒机或 VPN 日志。',
        },
      },
      misaligned: {
        en: {
          title: '{path} has a size that is not a whole number of login records',
          detail:
            '{path} is {size} bytes, not a multiple of the 384-byte record. Bytes were cut out or spliced in by something other than login/sshd, which always write whole records.',
          action:
            'Preserve the file (cp -a {path} /root/evidence/) and compare `last -f {path}` with the SSH entries in /var/log/auth.log or /var/log/secure to see which logins disappeared.',
        },
        'zh-CN': {
          title: '{path} 的大小不是登录记录长度的整数倍',
          detail: '{path} 大小为 {size} 字节，不是 384 字节记录的整数倍。login/sshd 总是写入完整记录，说明有其他程序截掉或插入了字节。',
          action:
            '保全该文件（cp -a {path} /root/evidence/），将 `last -f {path}` 的输出与 /var/log/auth.log 或 /var/log/secure 中的 SSH 记录对比，找出消失的登录。',
        },
      },
      backwards: {
        en: {
          title: 'Login times in {path} jump back from {from} to {to}',
          detail:
            'Records are appended in time order, but record {index} of {path} is older than the one before it, with no clock-change or boot record in between. Records were rewritten or spliced in from elsewhere.',
          action:
            'Preserve the file (cp -a {path} /root/evidence/) and review `last -f {path} -F` around {from}; cross-check with /var/log/auth.log or /var/log/secure.',
        },
        'zh-CN': {
          title: '{path} 中的登录时间从 {from} 倒退到 {to}',
          detail:
            '登录记录按时间顺序追加，但 {path} 的第 {index} 条记录早于前一条，且中间没有校时或开机记录。说明记录被改写或从别处拼接进来。',
          action:
            '保全该文件（cp -a {path} /root/evidence/），查看 {from} 前后的 `last -f {path} -F` 输出，并与 /var/log/auth.log 或 /var/log/secure 交叉核对。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const logins = snapshot.facts.logins;
    if (!logins) return;
    for (const f of [...logins.wtmp, ...logins.btmp]) {
      if (f.zeroed.count > 0) {
        report({
          messageId: 'zeroed',
          data: { count: f.zeroed.count, path: f.path, before: f.zeroed.before ?? 'the start', after: f.zeroed.after ?? 'the end' },
          path: f.path,
          time: f.zeroed.after ?? f.mtime ?? undefined,
          evidence: [
            phrase('wtmp.zeroed', {
              path: f.path,
              records: f.records,
              zeroed: f.zeroed.count,
              first: f.zeroed.first ?? '?',
              offset: (f.zeroed.first ?? 0) * 384,
            }),
          ],
        });
      }
      if (f.misaligned) {
        report({
          messageId: 'misaligned',
          severity: 'medium',
          data: { path: f.path, size: f.size },
          path: f.path,
          time: f.mtime ?? undefined,
          evidence: [phrase('wtmp.size', { path: f.path, size: f.size, records: Math.floor(f.size / 384), rest: f.size % 384 })],
        });
      }
      if (f.backwards.length > 0) {
        const b = f.backwards[0];
        report({
          messageId: 'backwards',
          severity: 'medium',
          data: { path: f.path, from: b.from, to: b.to, index: b.index },
          path: f.path,
          time: b.from,
          evidence: f.backwards.map((x) => phrase('wtmp.backwards', { path: f.path, index: x.index, from: x.from, to: x.to })),
        });
      }
    }
  },
});
