import webAccess from '../../src/collect/logs/web-access';
import webScripts from '../../src/collect/logs/web-scripts';
import histories from '../../src/collect/logs/histories';
import { RootHost } from '../../src/host/root-host';
import { FakeRoot } from './fake-root';
import { parsePasswd } from '../../src/collect/users';
import { collectContext } from './collect-context';

/** Accounts of the login-record fixtures (root, a deploy user). */
export function parseUsers() {
  return { users: parsePasswd('root:x:0:0:root:/root:/bin/bash\ndeploy:x:1000:1000::/home/deploy:/bin/bash\n'), groups: [] };
}

/** HistoriesFact from the real collector: files maps a path to its content, or { link } for a symlink. */
export function historyFacts(files: Record<string, string | Buffer | { link: string }>, mtime = new Date('2026-11-19T12:00:00Z')) {
  const root = new FakeRoot();
  try {
    for (const [path, c] of Object.entries(files)) {
      if (typeof c === 'object' && !Buffer.isBuffer(c)) root.symlink(path, c.link);
      else root.write(path, c, { mtime });
    }
    return histories.collect(collectContext(new RootHost(root.dir), { users: parseUsers() }));
  } finally {
    root.remove();
  }
}

/** WebScriptsFact from the real collector over files written into a throw-away root. */
export function webScriptFacts(files: Record<string, string>) {
  const root = new FakeRoot();
  try {
    for (const [path, c] of Object.entries(files)) root.write(path, c, { mtime: new Date('2026-11-19T03:05:00Z') });
    return webScripts.collect(collectContext(new RootHost(root.dir)));
  } finally {
    root.remove();
  }
}

/** One combined-format access-log line. */
export function accessLine(
  ip: string,
  at: string,
  method: string,
  target: string,
  status = 200,
  agent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0',
) {
  const d = new Date(at);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${mon}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
  return `${ip} - - [${stamp}] "${method} ${target} HTTP/1.1" ${status} 512 "-" "${agent}"\n`;
}

/** WebAccessFact from the real collector over access logs written into a throw-away root. */
export function webAccessFacts(files: Record<string, string | Buffer>) {
  const root = new FakeRoot();
  try {
    for (const [path, c] of Object.entries(files)) root.write(path, c, { mtime: new Date('2026-11-20T00:00:00Z') });
    return webAccess.collect(collectContext(new RootHost(root.dir)));
  } finally {
    root.remove();
  }
}
