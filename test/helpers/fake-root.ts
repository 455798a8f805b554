import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away root tree for offline scans: write('/etc/crontab', '…') puts the file under the
 * root. Nothing here touches the real /etc.
 */
export class FakeRoot {
  readonly dir: string;

  /** base: where the tree is made; /dev/shm (memory) for trees of many thousand files. */
  constructor(prefix = 'hostsweep-root-', base = os.tmpdir()) {
    this.dir = fs.mkdtempSync(path.join(base, prefix));
  }

  p(target: string): string {
    return path.join(this.dir, target);
  }

  write(target: string, content: string | Buffer, opts: { mode?: number; mtime?: Date } = {}): this {
    const file = this.p(target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    if (opts.mode !== undefined) fs.chmodSync(file, opts.mode);
    if (opts.mtime) fs.utimesSync(file, opts.mtime, opts.mtime);
    return this;
  }

  mkdir(target: string): this {
    fs.mkdirSync(this.p(target), { recursive: true });
    return this;
  }

  symlink(target: string, linkValue: string): this {
    const file = this.p(target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(linkValue, file);
    return this;
  }

  touch(target: string, mtime: Date): this {
    fs.utimesSync(this.p(target), mtime, mtime);
    return this;
  }

  /**
   * A minimal Debian-like base: accounts (with /etc/shadow, without which a scan is rightly
   * incomplete), /usr/bin (so it looks like a Linux root), dpkg status dir, hostname.
   */
  base(): this {
    return this.write(
      '/etc/passwd',
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n',
    )
      .write('/etc/group', 'root:x:0:\ndaemon:x:1:\nwww-data:x:33:\n')
      .write('/etc/shadow', 'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nwww-data:*:19000:0:99999:7:::\n', { mode: 0o640 })
      .write('/etc/hostname', 'fixture-host\n')
      .mkdir('/usr/bin')
      .write('/var/lib/dpkg/info/coreutils.list', '/.\n/bin\n/bin/ls\n/bin/cat\n/usr/bin/env\n')
      .write('/var/lib/dpkg/status', 'Package: coreutils\nStatus: install ok installed\n');
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
