import { type PhraseValue, phrase } from '../../i18n/phrases';
import { hiddenPlace, inTmpDir } from '../../analyze/facts-index';
import type { KeysFile } from '../../collect/accounts/ssh-keys';
import type { Intel } from '../../intel/intel';
import type { Severity } from '../../model/finding';
import type { Snapshot } from '../../model/facts';
import { isLoginShell } from '../shared/login-shell';
import { isRecent } from '../shared/time-window';
import { breakIns } from '../shared/break-ins';
import { defineRule } from '../rule';
import { keyEvidence, keysOf } from './ssh-facts';

/** One piece of evidence that makes a recent key change more than a colleague's key rotation. */
interface Signal {
  /** 2: points at an intrusion by itself; 1: unusual, worth a look together with others. */
  weight: 1 | 2;
  evidence: PhraseValue;
}

// Restricted shells built to be used with keys (git hosting, rsync/scp-only accounts).
const KEY_SHELLS = ['git-shell', 'gitlab-shell', 'gitolite-shell', 'rrsync', 'scponly', 'rssh'];

/** A keys file outside any home's .ssh, in a temporary or hidden directory (/var/tmp/.k/root). */
function oddPlace(intel: Intel, f: KeysFile): boolean {
  const dir = f.path.replace(/\/[^/]*$/, '');
  const home = f.via === 'home' ? dir.replace(/\/\.ssh$/, '') : dir;
  return inTmpDir(`${dir}/`) || hiddenPlace(home, intel.paths.knownHomeDotDirs) !== null;
}

/**
 * The signals that raise a recent change: a brute force that ended in a login (and the change
 * close to it), the file in a no-login account or an odd place, a key also in root's file, the
 * file locked with chattr, a campaign's key comment.
 */
function signalsFor(snapshot: Snapshot, intel: Intel, f: KeysFile): Signal[] {
  const out: Signal[] = [];
  const keys = keysOf(snapshot, f);
  const min = intel.logs.sshBruteForceMinAttempts;
  const breakIn: { user: string; ip: string; time: string | null; attemptsBefore: number }[] = breakIns(snapshot, intel);
  // Where text logs are missing or cleaned, wtmp sessions from addresses btmp saw guessing tell the same.
  const logins = snapshot.facts.logins;
  for (const f of logins?.failed ?? []) {
    if (f.host === '' || f.count < min) continue;
    for (const x of logins?.sessions ?? []) {
      if ((x.ip === f.host || x.host === f.host) && !breakIn.some((b) => b.ip === f.host && b.time === x.login)) {
        breakIn.push({ user: x.user, ip: f.host, time: x.login, attemptsBefore: f.count });
      }
    }
  }
  if (breakIn.length > 0) {
    const mtime = f.mtime ? Date.parse(f.mtime) : Number.NaN;
    const distance = (t: string | null) =>
      t && Number.isFinite(mtime) ? Math.abs(Date.parse(t) - mtime) / 60_000 : Number.POSITIVE_INFINITY;
    const nearest = breakIn.reduce((a, b) => (distance(b.time) < distance(a.time) ? b : a));
    out.push({
      weight: 2,
      evidence: phrase('keysignal.bruteLogin', {
        user: nearest.user,
        ip: nearest.ip,
        time: nearest.time ?? '?',
        count: nearest.attemptsBefore,
      }),
    });
    const minutes = distance(nearest.time);
    if (minutes <= intel.accounts.keyChangeNearLoginMinutes) {
      out.push({ weight: 2, evidence: phrase('keysignal.nearLogin', { minutes: Math.round(minutes) }) });
    }
  }
  const users = snapshot.facts.users?.users ?? [];
  const owners = f.users.map((n) => users.find((u) => u.name === n)).filter((u) => u !== undefined);
  const nologin = owners.find((u) => !isLoginShell(intel, u.shell) && !KEY_SHELLS.includes(u.shell.slice(u.shell.lastIndexOf('/') + 1)));
  if (nologin && !owners.some((u) => isLoginShell(intel, u.shell))) {
    out.push({ weight: 1, evidence: phrase('keysignal.nologin', { user: nologin.name, shell: nologin.shell }) });
  } else {
    // Daemon accounts (UID below UID_MIN, not root) are not people: keys there are rarely someone's.
    const uidMin = snapshot.facts.accountFiles?.uidMin ?? 1000;
    const system = owners.find((u) => u.uid > 0 && u.uid < uidMin);
    if (system && owners.every((u) => u.uid > 0 && u.uid < uidMin)) {
      out.push({ weight: 1, evidence: phrase('keysignal.system', { user: system.name, uid: system.uid, uidMin }) });
    }
  }
  if (oddPlace(intel, f)) out.push({ weight: 2, evidence: phrase('keysignal.oddPlace') });
  if (!f.users.includes('root')) {
    const rootFiles = (snapshot.facts.sshKeys?.files ?? []).filter((r) => r.users.includes('root'));
    const rootKeys = rootFiles.flatMap((r) => keysOf(snapshot, r));
    const shared = keys.find((k) => k.fingerprint !== null && rootKeys.some((r) => r.fingerprint === k.fingerprint));
    if (shared) {
      const where = rootKeys.find((r) => r.fingerprint === shared.fingerprint)?.file ?? '';
      out.push({ weight: 1, evidence: phrase('keysignal.inRoot', { fingerprint: shared.fingerprint ?? '', root: where }) });
    }
  }
  const locked = snapshot.facts.fileAttributes?.protected.find((p) => p.path === f.path);
  if (locked) out.push({ weight: 1, evidence: phrase('keysignal.immutable', { flags: locked.flags }) });
  const markers = intel.accounts.campaignKeyComments.map((m) => m.toLowerCase()).filter((m) => m !== '');
  for (const k of keys) {
    const marker = markers.find((m) => k.comment.toLowerCase().includes(m));
    if (marker) {
      out.push({ weight: 2, evidence: phrase('keysignal.campaign', { comment: k.comment, marker }) });
      break;
    }
  }
  return out;
}

/** Severity from the combined weight: nothing else → low; one unusual thing → medium; an intrusion sign → high; many → critical. */
function combined(signals: Signal[]): Severity {
  const score = signals.reduce((n, s) => n + s.weight, 0);
  return score === 0 ? 'low' : score === 1 ? 'medium' : score <= 4 ? 'high' : 'critical';
}

export default defineRule({
  meta: {
    id: 'ssh/authorized-keys-recent',
    category: 'ssh_key',
    severity: 'medium',
    attack: ['T1098.004'],
    status: 'stable',
    description:
      'An authorized_keys file changed inside the recent window. Alone that is a low "review with the key owners"; the severity comes from the other signals it is combined with, each listed in the evidence: a brute force that ended in a login (and the file changed close to it), a no-login or system (below UID_MIN) account, a key also in root\'s file, the file locked with chattr, a known campaign\'s key comment, a keys file in a temporary or hidden directory.',
    falsePositives: [
      'A colleague added or rotated a key this week; configuration management rewriting the file (low when nothing else points at an intrusion).',
    ],
    uses: ['sshKeys'],
    messages: {
      recent: {
        en: {
          title: 'SSH keys of {users} changed {mtime}',
          detail:
            '{file} was modified at {mtime}, inside the window under review, and now holds {count} key(s). Other signals point at an intrusion (see the evidence). Adding a key to authorized_keys is the most common way intruders keep access after a password brute force (seen with mining campaigns).',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), compare each fingerprint with its owner (ssh-keygen -lf {file}), delete unknown lines, then check who logged in with keys: grep -a "Accepted publickey" /var/log/auth.log* /var/log/secure*.',
        },
        'zh-CN': {
          title: '{users} 的 SSH 密钥在 {mtime} 被修改',
          detail:
            '{file} 于 {mtime} 被修改，处于本次排查的时间窗内，现有 {count} 个密钥。还有其他信号指向入侵（见证据）。向 authorized_keys 添加密钥是入侵者在密码爆破后维持访问的最常见手段（挖矿团伙常用）。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），逐一与使用者核对指纹（ssh-keygen -lf {file}），删除不明行，再查看密钥登录记录：grep -a "Accepted publickey" /var/log/auth.log* /var/log/secure*。',
        },
      },
      review: {
        en: {
          title: 'SSH keys of {users} changed {mtime}: review with the key owners',
          detail:
            '{file} was modified at {mtime}, inside the window under review, and holds {count} key(s). Nothing else points at an intrusion (no brute force followed by a login, no no-login account, no key shared with root, not locked, no known campaign comment): most likely a colleague added or rotated a key.',
          action: 'Compare each fingerprint with its owner (ssh-keygen -lf {file}) and delete lines nobody claims.',
        },
        'zh-CN': {
          title: '{users} 的 SSH 密钥在 {mtime} 被修改：请与密钥使用者核对',
          detail:
            '{file} 于 {mtime} 被修改，处于本次排查的时间窗内，现有 {count} 个密钥。没有其他入侵迹象（没有爆破后登录、不是不可登录账号、没有与 root 共用的密钥、未被锁定、没有已知团伙的密钥注释）：多半是同事添加或轮换了密钥。',
          action: '逐一与使用者核对指纹（ssh-keygen -lf {file}），删除无人认领的行。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      const keys = keysOf(snapshot, f);
      if (keys.length === 0 || !isRecent(f.mtime, since)) continue;
      const signals = signalsFor(snapshot, intel, f);
      const severity = combined(signals);
      report({
        messageId: signals.length === 0 ? 'review' : 'recent',
        data: { users: f.users.join(', '), mtime: f.mtime ?? '?', file: f.path, count: keys.length },
        severity,
        path: f.path,
        user: f.users[0],
        evidence: [
          phrase('ev.mtime', { path: f.path, mtime: f.mtime ?? '?' }),
          ...(signals.length === 0 ? [phrase('keysignal.none')] : signals.map((s) => s.evidence)),
          ...keys.slice(0, 50).map(keyEvidence),
        ],
        time: f.mtime ?? undefined,
      });
    }
  },
});
