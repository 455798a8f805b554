import type { AuthAccepted } from '../../collect/logs/auth-log';
import { type PhraseValue, phrase } from '../../i18n/phrases';
import { type Severity, severityRank } from '../../model/finding';
import { accountLabel, rootAccounts } from '../../model/root-accounts';
import { breakIns } from '../shared/break-ins';
import { defineRule } from '../rule';

/** Programs that set a password without asking for it twice: how scripts and droppers do it. */
const SCRIPTED_PROGRAMS = new Set(['chpasswd', 'usermod']);
const MAX_LINE = 1000;

interface Change {
  account: string;
  time: string | null;
  scripted: boolean;
  /** The program or command pattern that made it. */
  how: string;
  actor: string;
  path: string;
  evidence: string;
}

export default defineRule({
  meta: {
    id: 'logs/password-changed',
    category: 'log_login',
    severity: 'low',
    attack: ['T1098'],
    status: 'stable',
    description:
      "A password was set by passwd, chpasswd or usermod -p/--password, as the auth log and journal (pam_unix chauthtok, shadow-utils lines) or a shell history (intel logs.passwordCommands) record it: who, which account, when. Low alone (routine rotation, root's included); high when set non-interactively (chpasswd, usermod -p, passwd --stdin, a pipe into passwd) for a UID-0 account, when someone other than root changed a UID-0 account's password, or within logs.passwordChangeAfterBreakinHours after a login that followed password guessing.",
    falsePositives: ['Routine password rotation by administrators, or provisioning scripts that set passwords with chpasswd.'],
    references: ['https://attack.mitre.org/techniques/T1098/'],
    uses: ['authLog', 'histories'],
    messages: {
      log: {
        en: {
          title: 'Password of {account} changed {count}× (last {time}, {how})',
          detail:
            'The logs record {count} password change(s) of {account} between {first} and {time}{why}. Intruders set their own password on the accounts they take so they can come back, and lock the owners out.',
          action:
            'Ask the team who changed it. If nobody did: set a new password from a trusted console (passwd {user}), end the sessions of {user} (pkill -KILL -u {user}), and review the logins and commands around {time} (last -i {user}; journalctl --since "{first}").',
        },
        'zh-CN': {
          title: '{account} 的密码被修改 {count} 次（最近 {time}，{how}）',
          detail:
            '日志记录了 {first} 至 {time} 期间 {account} 的 {count} 次密码修改{why}。入侵者会给拿到的账户设置自己的密码，以便再次进入，同时把主人挡在门外。',
          action:
            '询问团队是谁修改的。如果没有人修改：从可信控制台设置新密码（passwd {user}），结束 {user} 的会话（pkill -KILL -u {user}），并排查 {time} 前后的登录和命令（last -i {user}；journalctl --since "{first}"）。',
        },
      },
      history: {
        en: {
          title: '{owner} set the password of {account} in {path} ({count}×)',
          detail:
            '{count} command(s) in {path} set the password of {account}{why}; the first is at line {line}. Intruders set their own password on the accounts they take so they can come back.',
          action:
            "Read the commands around line {line} (sed -n '{from},{to}p' {path}), ask the team whether {owner} did this, and if not set a new password for {user} from a trusted console and end its sessions (pkill -KILL -u {user}).",
        },
        'zh-CN': {
          title: '{owner} 在 {path} 中设置了 {account} 的密码（{count} 条）',
          detail:
            '{path} 中有 {count} 条命令设置了 {account} 的密码{why}；第一条在第 {line} 行。入侵者会给拿到的账户设置自己的密码，以便再次进入。',
          action:
            "查看第 {line} 行前后的命令（sed -n '{from},{to}p' {path}），询问团队是否为 {owner} 所为；如果不是，从可信控制台为 {user} 设置新密码并结束其会话（pkill -KILL -u {user}）。",
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const roots = rootAccounts(snapshot.facts);
    const { authLog, histories } = snapshot.facts;
    const windowMs = intel.logs.passwordChangeAfterBreakinHours * 3600_000;
    const breakins = breakIns(snapshot, intel).filter((a) => a.time);
    const afterBreakin = (time: string | null): AuthAccepted | undefined => {
      const t = time ? Date.parse(time) : Number.NaN;
      if (Number.isNaN(t)) return undefined;
      return breakins.find((a) => {
        const at = Date.parse(a.time as string);
        return at <= t && t - at <= windowMs;
      });
    };
    // Why a change is high, as wording for the finding; empty when it is not.
    const judge = (c: Change): { severity: Severity; why: PhraseValue[] } => {
      const root = roots.has(c.account);
      const why: PhraseValue[] = [];
      if (root && c.scripted) why.push(phrase('password.scripted', { how: c.how }));
      if (root && c.actor !== '' && !roots.has(c.actor)) why.push(phrase('password.by', { actor: c.actor }));
      const b = afterBreakin(c.time);
      if (b)
        why.push(
          phrase('password.afterBreakin', {
            minutes: Math.round((Date.parse(c.time as string) - Date.parse(b.time as string)) / 60_000),
            ip: b.ip,
            user: b.user,
            attempts: b.attemptsBefore,
          }),
        );
      // A UID-0 password set by hand, by root, is routine rotation until something else joins it.
      return { severity: why.length > 0 ? 'high' : 'low', why };
    };
    const because = (why: PhraseValue[]): PhraseValue => (why.length > 0 ? phrase('password.because', { why }) : '');

    // Auth log and journal: pam_unix and shadow-utils each log one change; lines of one change
    // (same account, within two seconds) are merged so the actor passwd names is kept.
    const logged: Change[] = [];
    for (const a of authLog?.activity.accountChanges ?? []) {
      if (a.kind !== 'password') continue;
      const t = a.time ? Date.parse(a.time) : Number.NaN;
      const same = logged.find(
        (c) => c.account === a.name && c.time !== null && !Number.isNaN(t) && Math.abs(Date.parse(c.time) - t) <= 2000,
      );
      if (same) {
        if (same.actor === '' && a.actor) same.actor = a.actor;
        same.scripted ||= SCRIPTED_PROGRAMS.has(a.program);
        continue;
      }
      logged.push({
        account: a.name,
        time: a.time,
        scripted: SCRIPTED_PROGRAMS.has(a.program),
        how: a.program,
        actor: a.actor ?? '',
        path: a.path,
        evidence: `${a.path}: ${a.line}`,
      });
    }
    // pam_unix does not say who ran passwd; a sudo of a password command at that moment does.
    const patterns = intel.logs.passwordCommands.map((p) => ({ ...p, re: new RegExp(p.pattern, 'i') }));
    const sudoers = (c: Change): string[] => {
      const t = c.time ? Date.parse(c.time) : Number.NaN;
      if (Number.isNaN(t)) return [];
      const near = (x: string | null) => x !== null && Math.abs(Date.parse(x) - t) <= 60_000;
      return [
        ...new Set(
          (authLog?.activity.sudo ?? [])
            .filter((u) => u.failed === null && (near(u.firstTime) || near(u.lastTime)))
            .filter((u) => patterns.some((p) => p.re.test(u.command.slice(0, MAX_LINE).replace(/^\S*\//, ''))))
            .map((u) => u.actor),
        ),
      ];
    };
    const byAccount = new Map<string, Change[]>();
    for (const c of logged) byAccount.set(c.account, [...(byAccount.get(c.account) ?? []), c]);
    for (const [account, list] of byAccount) {
      const judged = list.map((c) => ({ c, ...judge(c) }));
      const worst = judged.reduce((w, j) => (severityRank(j.severity) > severityRank(w.severity) ? j : w));
      const last = list[list.length - 1];
      report({
        messageId: 'log',
        severity: worst.severity,
        data: {
          user: account,
          account: accountLabel(account, roots),
          count: list.length,
          first: list[0].time ?? '?',
          time: last.time ?? '?',
          how: [...new Set(list.map((c) => c.how))].join(', '),
          why: because(worst.why),
        },
        user: account,
        path: last.path,
        time: (worst.c.time ?? last.time) || undefined,
        evidence: [
          ...list.slice(-5).map((c) => c.evidence),
          ...list.filter((c) => c.actor !== '').map((c) => phrase('password.by', { actor: c.actor })),
          ...[...new Set(list.flatMap(sudoers))].map((actor) => phrase('password.viaSudo', { actor })),
          ...worst.why,
        ],
      });
    }

    for (const h of histories ?? []) {
      const found = new Map<string, { n: number; time: string | null; text: string; c: Change }[]>();
      for (const l of h.lines) {
        const text = l.text.slice(0, MAX_LINE);
        for (const p of patterns) {
          const m = p.re.exec(text);
          if (!m) continue;
          // Without an account name passwd changes the caller's own password, or root's under sudo.
          const account = m.groups?.user ?? (/\bsudo\b/.test(m[0]) ? 'root' : h.user);
          const c: Change = { account, time: l.time, scripted: p.scripted, how: p.id, actor: '', path: h.path, evidence: '' };
          found.set(account, [...(found.get(account) ?? []), { n: l.n, time: l.time, text, c }]);
          break;
        }
      }
      for (const [account, hits] of found) {
        const judged = hits.map((x) => ({ x, ...judge(x.c) }));
        const worst = judged.reduce((w, j) => (severityRank(j.severity) > severityRank(w.severity) ? j : w));
        const first = hits[0];
        report({
          messageId: 'history',
          severity: worst.severity,
          data: {
            user: account,
            account: accountLabel(account, roots),
            owner: h.user,
            path: h.path,
            count: hits.length,
            line: first.n,
            from: Math.max(1, first.n - 10),
            to: first.n + 10,
            why: because(worst.why),
          },
          user: account,
          path: h.path,
          time: worst.x.time ?? first.time ?? h.mtime ?? undefined,
          evidence: [
            ...hits.slice(0, 5).map((x) => `${h.path}:${x.n}${x.time ? ` [${x.time}]` : ''}: ${x.text.slice(0, 300)}`),
            ...worst.why,
          ],
        });
      }
    }
  },
});
