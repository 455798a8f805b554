import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { withSqliteCopy } from '../rpmdb/sqlite';

// yum (CentOS 7) and dnf (RHEL 8/9, Fedora) keep every package transaction in SQLite: when, by
// which login uid, with which command line, and what was installed or removed. That is the
// record of "yum install -y masscan" or "yum remove -y audit" that a shell history may have lost.

export type PackageAction = 'install' | 'upgrade' | 'downgrade' | 'reinstall' | 'remove' | 'obsolete' | 'other';

export interface PackageTransaction {
  source: string;
  id: number;
  /** ISO time the transaction began. */
  time: string;
  /** Login uid of the user who ran it (null: unknown or unset, as for cron and services). */
  uid: number | null;
  cmdline: string;
  ok: boolean;
  packages: { name: string; nevra: string; action: PackageAction }[];
}

export interface PackageHistoryFact {
  tool: 'dnf' | 'yum' | null;
  /** The newest transactions, oldest first. */
  transactions: PackageTransaction[];
  /** How many transactions the history holds in all. */
  total: number;
}

declare module '../../model/facts' {
  interface Facts {
    packageHistory: PackageHistoryFact;
  }
}

const DNF = '/var/lib/dnf/history.sqlite';
const YUM_DIR = '/var/lib/yum/history';
const MAX_DB_BYTES = 256 * 1024 * 1024;
const MAX_TRANSACTIONS = 300;
const MAX_PACKAGES = 200;

/** libdnf's TransactionItemAction; the "-ed" halves (upgraded, downgraded…) are the old versions. */
const DNF_ACTIONS: Record<number, PackageAction | null> = {
  1: 'install',
  2: 'downgrade',
  3: null,
  4: 'obsolete',
  5: null,
  6: 'upgrade',
  7: null,
  8: 'remove',
  9: 'reinstall',
  10: null,
  11: 'other',
};

/** yum's trans_data_pkgs.state words. */
function yumAction(state: string): PackageAction | null {
  const s = state.toLowerCase();
  if (s.endsWith('install') && s !== 'reinstall') return 'install';
  if (s === 'update') return 'upgrade';
  if (s === 'downgrade') return 'downgrade';
  if (s === 'reinstall') return 'reinstall';
  if (s === 'erase') return 'remove';
  if (s === 'obsoleting') return 'obsolete';
  return null;
}

const nevra = (r: Record<string, unknown>) => `${r.name}-${Number(r.epoch) > 0 ? `${r.epoch}:` : ''}${r.version}-${r.release}.${r.arch}`;

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const uid = (v: unknown) => {
  const n = Number(v);
  // -1 and 4294967295 both mean "no login uid".
  return Number.isInteger(n) && n >= 0 && n < 4294967295 ? n : null;
};

function readDnf(main: Buffer, wal: Buffer | null): { list: PackageTransaction[]; total: number } {
  return withSqliteCopy(main, wal, (db) => {
    const total = Number((db.get('SELECT count(*) AS n FROM trans') as { n: number }).n);
    const trans = db.all('SELECT id, dt_begin, user_id, cmdline, state FROM trans ORDER BY id DESC LIMIT ?', [MAX_TRANSACTIONS]);
    const items = db.prepare(
      'SELECT ti.action AS action, r.name AS name, r.epoch AS epoch, r.version AS version, r.release AS release, r.arch AS arch FROM trans_item ti JOIN rpm r ON r.item_id = ti.item_id WHERE ti.trans_id = ? LIMIT ?',
    );
    try {
      const list = trans.reverse().map((t) => {
        const packages: PackageTransaction['packages'] = [];
        for (const r of items.all([t.id as number, MAX_PACKAGES * 2])) {
          const action = DNF_ACTIONS[Number(r.action)] ?? null;
          if (action && packages.length < MAX_PACKAGES) packages.push({ name: str(r.name), nevra: nevra(r), action });
        }
        return {
          source: DNF,
          id: Number(t.id),
          time: new Date(Number(t.dt_begin) * 1000).toISOString(),
          uid: uid(t.user_id),
          cmdline: str(t.cmdline),
          ok: Number(t.state) === 1,
          packages,
        };
      });
      return { list, total };
    } finally {
      items.finalize();
    }
  });
}

function readYum(path: string, main: Buffer): { list: PackageTransaction[]; total: number } {
  return withSqliteCopy(main, null, (db) => {
    const total = Number((db.get('SELECT count(*) AS n FROM trans_beg') as { n: number }).n);
    const trans = db.all(
      'SELECT b.tid AS tid, b.timestamp AS ts, b.loginuid AS loginuid, c.cmdline AS cmdline, e.return_code AS rc FROM trans_beg b LEFT JOIN trans_cmdline c ON c.tid = b.tid LEFT JOIN trans_end e ON e.tid = b.tid ORDER BY b.tid DESC LIMIT ?',
      [MAX_TRANSACTIONS],
    );
    const items = db.prepare(
      'SELECT d.state AS state, p.name AS name, p.epoch AS epoch, p.version AS version, p.release AS release, p.arch AS arch FROM trans_data_pkgs d JOIN pkgtups p ON p.pkgtupid = d.pkgtupid WHERE d.tid = ? LIMIT ?',
    );
    try {
      const list = trans.reverse().map((t) => {
        const packages: PackageTransaction['packages'] = [];
        for (const r of items.all([t.tid as number, MAX_PACKAGES * 2])) {
          const action = yumAction(str(r.state));
          if (action && packages.length < MAX_PACKAGES) packages.push({ name: str(r.name), nevra: nevra(r), action });
        }
        return {
          source: path,
          id: Number(t.tid),
          time: new Date(Number(t.ts) * 1000).toISOString(),
          uid: uid(t.loginuid),
          cmdline: str(t.cmdline),
          ok: Number(t.rc) === 0,
          packages,
        };
      });
      return { list, total };
    } finally {
      items.finalize();
    }
  });
}

function read(
  host: Host,
  path: string,
  gap: (p: string, r: string) => void,
  fn: (main: Buffer) => { list: PackageTransaction[]; total: number },
) {
  const main = host.readFile(path, MAX_DB_BYTES);
  if (main === null) {
    if (host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  try {
    return fn(main);
  } catch (e) {
    gap(path, `${e instanceof Error ? e.message : String(e)}: package history not read`);
    return null;
  }
}

export default defineCollector({
  name: 'packageHistory',
  description:
    'yum and dnf transaction history (what was installed, upgraded or removed, when, by which login uid, with which command line), read from its SQLite files.',
  paths: [DNF, `${YUM_DIR}/history-*.sqlite`],
  collect({ host, gap }) {
    const dnf = read(host, DNF, gap, (main) => readDnf(main, host.readFile(`${DNF}-wal`, MAX_DB_BYTES)));
    if (dnf) return { tool: 'dnf', transactions: dnf.list, total: dnf.total };
    // yum starts a new file when the old one grows or the rpmdb is rebuilt: the newest is current,
    // but an attacker's transactions may sit in any of them.
    const names = (host.readDir(YUM_DIR) ?? []).filter((n) => /^history-\d{4}-\d{2}-\d{2}\.sqlite$/.test(n)).sort();
    const transactions: PackageTransaction[] = [];
    let total = 0;
    for (const n of names) {
      const r = read(host, `${YUM_DIR}/${n}`, gap, (main) => readYum(`${YUM_DIR}/${n}`, main));
      if (!r) continue;
      transactions.push(...r.list);
      total += r.total;
    }
    if (names.length === 0) return { tool: null, transactions: [], total: 0 };
    return { tool: 'yum', transactions: transactions.slice(-MAX_TRANSACTIONS), total };
  },
});
