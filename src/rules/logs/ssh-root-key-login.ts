import type { AuthAccepted } from '../../collect/logs/auth-log';
import { localized, type PhraseValue } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { rootAccounts } from '../../model/root-accounts';
import { defineRule } from '../rule';
import { accountName, keyEvidence } from './root-login-facts';

const LOCAL = new Set(['127.0.0.1', '::1', 'localhost']);

export default defineRule({
  meta: {
    id: 'logs/ssh-root-key-login',
    category: 'log_login',
    severity: 'low',
    attack: ['T1078', 'T1098.004'],
    status: 'stable',
    description:
      'root, or another UID-0 account, logged in over SSH with a key, and only the auth log (or journal) kept it: wtmp has no session for it (wiped, or never written). Names the key fingerprint sshd logged and the authorized_keys line holding it. Logins that wtmp also recorded are reported by logs/remote-root-login with the same key evidence. Low alone (admins and automation log in as root with keys); medium for a UID-0 account other than root or a key no authorized_keys file read holds; high when the address also guessed passwords.',
    falsePositives: ['Administrators and automation (Ansible, backup jobs) that log in as root with a key from known hosts.'],
    references: ['https://attack.mitre.org/techniques/T1098/004/'],
    uses: ['authLog'],
    messages: {
      key: {
        en: {
          title: '{account} logged in over SSH with key {fingerprint} from {ip} ({count}×, last {time})',
          detail:
            'sshd accepted key {fingerprint} for {account} from {ip} {count} time(s) between {first} and {time}; no wtmp session matches these logins. A key planted in authorized_keys is how intruders come back after the password is changed.',
          action:
            'Find whose key {fingerprint} is (ssh-keygen -lf ~{user}/.ssh/authorized_keys) and confirm {ip} is one of your hosts. If not: remove the key line, block {ip}, and review what ran after {first} (~{user}/.bash_history, journalctl _COMM=sshd).',
        },
        'zh-CN': {
          title: '{account} 使用密钥 {fingerprint} 从 {ip} 登录 SSH（{count} 次，最近 {time}）',
          detail:
            '{first} 至 {time} 期间，sshd 接受了来自 {ip} 的 {account} 密钥 {fingerprint} 登录 {count} 次；wtmp 中没有与之对应的会话。入侵者在 authorized_keys 中植入密钥，以便在密码被修改后再次进入。',
          action:
            '确认密钥 {fingerprint} 属于谁（ssh-keygen -lf ~{user}/.ssh/authorized_keys），以及 {ip} 是否为你们的主机。如果不是：删除该密钥行，封禁 {ip}，并排查 {first} 之后执行过的操作（~{user}/.bash_history、journalctl _COMM=sshd）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const roots = rootAccounts(snapshot.facts);
    const guessers = new Set(
      (snapshot.facts.authLog?.sources ?? []).filter((s) => s.attempts >= intel.logs.sshBruteForceMinAttempts).map((s) => s.ip),
    );
    const keyFiles = snapshot.facts.sshKeys;
    const inWtmp = new Set((snapshot.facts.logins?.sessions ?? []).map((s) => `${s.user}\u0000${s.ip || s.host}`));
    const groups = new Map<string, AuthAccepted[]>();
    for (const a of snapshot.facts.authLog?.accepted ?? []) {
      if (a.method !== 'publickey' || !roots.has(a.user) || LOCAL.has(a.ip)) continue;
      if (inWtmp.has(`${a.user}\u0000${a.ip}`)) continue;
      const key = `${a.user}\u0000${a.ip}\u0000${a.fingerprint ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    for (const list of groups.values()) {
      const last = list[list.length - 1];
      const { user, ip } = last;
      // One login as root with a key is how many admins work: the severity comes from what joins it.
      const signals: PhraseValue[] = [];
      let severity: Severity = 'low';
      // wtmp alone proves little here: sshd writes no wtmp record for a command without a terminal
      // (ansible, rsync, backups), so a key login missing from it is normal.
      if (user !== 'root') {
        severity = 'medium';
        signals.push(localized(`${user} is a second account with UID 0`, `${user} 是另一个 UID 为 0 的账号`));
      }
      const fp = last.fingerprint;
      if (fp && keyFiles && !keyFiles.keys.some((k) => k.fingerprint === fp)) {
        severity = 'medium';
        signals.push(localized('no authorized_keys file read holds this key', '读取到的 authorized_keys 文件中都没有这把密钥'));
      }
      if (guessers.has(ip)) {
        severity = 'high';
        signals.push(localized(`${ip} also guessed passwords`, `${ip} 也曾猜测密码`));
      }
      report({
        severity,
        messageId: 'key',
        data: {
          user,
          account: accountName(user),
          ip,
          fingerprint: last.fingerprint ?? '?',
          count: list.length,
          first: list[0].time ?? '?',
          time: last.time ?? '?',
        },
        user,
        ip,
        path: last.path,
        time: list[0].time ?? undefined,
        evidence: [...list.slice(-3).map((a) => `${a.path}: ${a.line}`), ...keyEvidence(snapshot, list), ...signals],
      });
    }
  },
});
