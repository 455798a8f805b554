import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const built = new Map<string, Buffer>();

/**
 * A relocatable ELF object with a real .modinfo section, as the kernel build writes one
 * (NUL-separated key=value strings: license, name, vermagic). Compiled with gcc -c, so the file
 * has the ELF type and sections of a module without needing kernel headers; it loads nowhere.
 */
export function kernelObject(name: string, vermagic = '6.1.0-26-amd64 SMP preempt mod_unload modversions '): Buffer {
  const key = `${name}\0${vermagic}`;
  const cached = built.get(key);
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hostsweep-ko-${process.pid}-`));
  try {
    const src = path.join(dir, 'm.c');
    const field = (n: string, v: string) =>
      `static const char __modinfo_${n}[] __attribute__((section(".modinfo"), used, aligned(1))) = ${JSON.stringify(`${n}=${v}`)};\n`;
    fs.writeFileSync(
      src,
      `${field('license', 'GPL') + field('name', name) + field('vermagic', vermagic)}int init_module(void) { return 0; }\n`,
    );
    execFileSync('/usr/bin/gcc', ['-c', '-O0', '-o', path.join(dir, 'm.o'), src]);
    const out = fs.readFileSync(path.join(dir, 'm.o'));
    built.set(key, out);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
