import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'node-sqlite3-wasm';

// Real rpm databases for tests: packages built with rpmbuild whose payload is the given files,
// installed into a throw-away root with rpm --root, so the database (and the files on disk) are
// exactly what rpm writes. Needs Debian's `rpm` package (rpmbuild, rpm).

export interface RpmPayloadFile {
  path: string;
  content?: string | Buffer;
  mode?: number;
  config?: boolean;
  ghost?: boolean;
  dir?: boolean;
  /** Makes the entry a symbolic link with this value. */
  symlink?: string;
}

export interface RpmSpec {
  name: string;
  files: RpmPayloadFile[];
}

export const RPM_TOOLS = ['/usr/bin/rpmbuild', '/usr/bin/rpm'];

export function haveRpmTools(): boolean {
  return RPM_TOOLS.every((t) => fs.existsSync(t));
}

const quote = (p: string) => `"${p.replace(/["\\%]/g, (c) => (c === '%' ? '%%' : `\\${c}`))}"`;

function filesSection(files: RpmPayloadFile[]): string {
  return files
    .map((f) => {
      if (f.symlink !== undefined) return quote(f.path);
      const mode = f.mode !== undefined ? (f.mode & 0o7777).toString(8).padStart(4, '0') : '-';
      const prefix = f.ghost ? '%ghost ' : f.config ? '%config(noreplace) ' : f.dir ? '%dir ' : '';
      return `%attr(${mode},root,root) ${prefix}${quote(f.path)}`;
    })
    .join('\n');
}

/**
 * Builds the packages in one rpmbuild run (one spec, one subpackage each) and installs them into
 * `root` with rpm --root (database at /var/lib/rpm, sqlite: Debian's rpm default). Returns the
 * directory holding the built .rpm files; the caller removes it.
 */
export function installRpms(
  root: string,
  pkgs: RpmSpec[],
  opts: { digest?: 'md5' | 'sha256'; version?: string; release?: string } = {},
): string {
  const { work, rpms } = buildRpms(pkgs, opts);
  execFileSync(
    '/usr/bin/rpm',
    ['--root', root, '--define', '_dbpath /var/lib/rpm', '--nodeps', '--noscripts', '--ignorearch', '--ignoreos', '-i', ...rpms],
    { stdio: 'pipe' },
  );
  return work;
}

/** Builds the packages in one rpmbuild run; returns the work dir (remove it) and the .rpm files. */
export function buildRpms(
  pkgs: RpmSpec[],
  opts: { digest?: 'md5' | 'sha256'; version?: string; release?: string } = {},
): { work: string; rpms: string[] } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-rpmbuild-'));
  const src = path.join(work, 'src');
  fs.mkdirSync(src);
  for (const p of pkgs) {
    for (const f of p.files) {
      if (f.ghost) continue;
      const dst = path.join(src, f.path);
      if (f.symlink !== undefined) {
        fs.mkdirSync(path.dirname(dst), { recursive: true });
        fs.symlinkSync(f.symlink, dst);
        continue;
      }
      if (f.dir) {
        fs.mkdirSync(dst, { recursive: true });
        continue;
      }
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.writeFileSync(dst, f.content ?? '');
      fs.chmodSync(dst, f.mode ?? 0o644);
    }
  }
  const [first, ...rest] = pkgs;
  const spec = [
    `Name: ${first.name}`,
    `Version: ${opts.version ?? '1.0'}`,
    `Release: ${opts.release ?? '1.el9'}`,
    'Summary: hostsweep test package',
    'License: Apache-2.0',
    '%description',
    'test payload',
    ...rest.flatMap((p) => [`%package -n ${p.name}`, `Summary: ${p.name}`, `%description -n ${p.name}`, 'test payload']),
    '%install',
    'cp -a %{srcroot}/. %{buildroot}/',
    '%files',
    filesSection(first.files),
    ...rest.flatMap((p) => [`%files -n ${p.name}`, filesSection(p.files)]),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(work, 'test.spec'), spec);
  const defines = [
    ['_topdir', path.join(work, 'top')],
    ['srcroot', src],
    ['_binary_filedigest_algorithm', opts.digest === 'md5' ? '1' : '8'],
    ['__os_install_post', '%{nil}'],
    ['_build_id_links', 'none'],
    ['debug_package', '%{nil}'],
    ['_binary_payload', 'w0.gzdio'],
  ].flatMap(([k, v]) => ['--define', `${k} ${v}`]);
  execFileSync('/usr/bin/rpmbuild', ['-bb', '--quiet', ...defines, path.join(work, 'test.spec')], { stdio: 'pipe' });
  const rpmDir = path.join(work, 'top', 'RPMS');
  const rpms: string[] = [];
  for (const arch of fs.readdirSync(rpmDir)) for (const f of fs.readdirSync(path.join(rpmDir, arch))) rpms.push(path.join(rpmDir, arch, f));
  return { work, rpms };
}

export const DNF_TOOLS = ['/usr/bin/dnf', '/usr/bin/createrepo_c'];

/**
 * Runs real dnf against `root` (--installroot) with a local repository made from `rpms`, so the
 * tree gets a genuine /var/lib/dnf/history.sqlite. rpm inside dnf is pointed at /var/lib/rpm
 * through a private ~/.rpmmacros; nothing outside the temp dirs is touched.
 */
export function dnfInRoot(root: string, rpms: string[], args: string[]): void {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-dnf-'));
  try {
    const repo = path.join(home, 'repo');
    fs.mkdirSync(repo);
    for (const r of rpms) fs.copyFileSync(r, path.join(repo, path.basename(r)));
    execFileSync('/usr/bin/createrepo_c', ['-q', repo], { stdio: 'pipe' });
    fs.writeFileSync(path.join(home, '.rpmmacros'), '%_dbpath /var/lib/rpm\n');
    execFileSync(
      '/usr/bin/dnf',
      [
        '-y',
        '-q',
        `--installroot=${root}`,
        '--disablerepo=*',
        `--repofrompath=local,file://${repo}`,
        '--setopt=reposdir=/nonexistent',
        `--setopt=cachedir=${path.join(home, 'cache')}`,
        '--setopt=tsflags=noscripts',
        '--releasever=9',
        '--nogpgcheck',
        ...args,
      ],
      { stdio: 'pipe', env: { ...process.env, HOME: home } },
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** rpm's own view of a tree's database (rpm -qa), to check the fixture itself. */
export function rpmQueryAll(root: string, backend?: 'bdb_ro'): string[] {
  const args = ['--root', root, '--define', '_dbpath /var/lib/rpm'];
  if (backend) args.push('--define', `_db_backend ${backend}`);
  const out = execFileSync('/usr/bin/rpm', [...args, '-qa', '--qf', '%{NAME}\\n'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return out.toString().split('\n').filter(Boolean).sort();
}

/**
 * Turns the tree's rpmdb.sqlite into a Berkeley DB hash "Packages" (the CentOS 7 / RHEL 8 format)
 * holding the same header blobs, written by Berkeley DB's own db5.3_load; rpm's read-only bdb
 * backend can then list it, which proves the file is what rpm expects.
 */
export function convertToBdb(root: string, pageSize = 4096, type: 'hash' | 'btree' = 'hash'): void {
  const dir = path.join(root, 'var/lib/rpm');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bdb-'));
  try {
    // The WASM SQLite cannot open WAL files in place: read a copy switched to rollback mode.
    const copy = path.join(work, 'db.sqlite');
    const bytes = fs.readFileSync(path.join(dir, 'rpmdb.sqlite'));
    bytes[18] = 1;
    bytes[19] = 1;
    fs.writeFileSync(copy, bytes);
    const db = new sqlite3.Database(copy, { readOnly: true });
    const rows = db.all('SELECT hnum, blob FROM Packages ORDER BY hnum') as { hnum: number; blob: Uint8Array }[];
    db.close();
    const key = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b.toString('hex');
    };
    const next = Buffer.alloc(4);
    next.writeUInt32LE(rows.length + 1);
    const lines = [
      'VERSION=3',
      'format=bytevalue',
      `type=${type}`,
      `db_pagesize=${pageSize}`,
      'HEADER=END',
      ` ${key(0)}`,
      ` ${next.toString('hex')}`,
    ];
    for (const r of rows) lines.push(` ${key(r.hnum)}`, ` ${Buffer.from(r.blob).toString('hex')}`);
    lines.push('DATA=END', '');
    fs.writeFileSync(path.join(work, 'dump'), lines.join('\n'));
    for (const f of fs.readdirSync(dir)) if (f.startsWith('rpmdb.sqlite')) fs.rmSync(path.join(dir, f));
    execFileSync(DB_LOAD, ['-f', path.join(work, 'dump'), path.join(dir, 'Packages')], { stdio: 'pipe' });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const DB_LOAD = '/usr/bin/db5.3_load';
