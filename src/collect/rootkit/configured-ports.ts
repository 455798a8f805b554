import type { Host } from '../../host/host';

// Ports the box's own configuration says a service listens on. The hidden-port probe never binds
// them: a service (re)starting at that moment must not find its port taken, even for microseconds.

const SOCKET_UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];
const SERVER_CONFIGS: { files: string[]; dirs: string[]; directive: RegExp }[] = [
  // sshd: "Port 2222", "ListenAddress 10.0.0.1:2222"
  { files: ['/etc/ssh/sshd_config'], dirs: ['/etc/ssh/sshd_config.d'], directive: /^\s*(?:Port|ListenAddress)\s+(\S+)/gim },
  // nginx: "listen 8080;", "listen [::]:443 ssl;"
  { files: ['/etc/nginx/nginx.conf'], dirs: ['/etc/nginx/conf.d', '/etc/nginx/sites-enabled'], directive: /^\s*listen\s+([^\s;]+)/gim },
  // Apache: "Listen 8080", "Listen 0.0.0.0:80"
  {
    files: ['/etc/apache2/ports.conf', '/etc/httpd/conf/httpd.conf'],
    dirs: ['/etc/httpd/conf.d'],
    directive: /^\s*Listen\s+(\S+)/gim,
  },
];
const SOCKET_DIRECTIVE = /^\s*Listen(?:Stream|Datagram|SequentialPacket)\s*=\s*(\S+)/gim;
const MAX_BYTES = 256 * 1024;

/** The port in "8080", "0.0.0.0:8080", "[::]:443", or null for a path or a name. */
export function portOf(value: string): number | null {
  const m = /^(?:\[[^\]]*\]:|[^:/\s]*:)?(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && n < 65536 ? n : null;
}

function collect(host: Host, path: string, re: RegExp, into: Set<number>) {
  const text = host.readText(path, MAX_BYTES);
  if (text === null) return;
  for (const m of text.matchAll(re)) {
    const p = portOf(m[1]);
    if (p !== null) into.add(p);
  }
}

/** Every port named by a systemd socket unit, sshd, nginx or Apache configuration on the target. */
export function configuredPorts(host: Host): number[] {
  const out = new Set<number>();
  for (const dir of SOCKET_UNIT_DIRS) {
    for (const name of host.readDir(dir) ?? []) if (name.endsWith('.socket')) collect(host, `${dir}/${name}`, SOCKET_DIRECTIVE, out);
  }
  for (const c of SERVER_CONFIGS) {
    for (const f of c.files) collect(host, f, c.directive, out);
    for (const dir of c.dirs) for (const name of host.readDir(dir) ?? []) collect(host, `${dir}/${name}`, c.directive, out);
  }
  return [...out].sort((a, b) => a - b);
}
