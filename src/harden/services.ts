import type { AuditContext, HardenCheck } from './audit';
import { makeCheck } from './audit';
import type { CheckId } from './messages';
import { stateText } from './messages';

// Services miners commonly enter through, judged from their configuration (offline and live) and,
// on a live system, from what actually listens on all addresses.

interface ConfigFile {
  path: string;
  text: string;
}

function read(ctx: AuditContext, paths: string[]): ConfigFile[] {
  return paths.flatMap((p) => {
    const text = ctx.host.readText(p, 1024 * 1024);
    return text === null ? [] : [{ path: p, text }];
  });
}

function readDirFiles(ctx: AuditContext, dirs: string[], suffix: RegExp): ConfigFile[] {
  return dirs.flatMap((d) =>
    read(
      ctx,
      (ctx.host.readDir(d) ?? [])
        .filter((f) => suffix.test(f))
        .sort()
        .map((f) => `${d}/${f}`),
    ),
  );
}

/** The first "key value" line (comments stripped) and where it is. */
function directive(files: ConfigFile[], key: RegExp): { value: string; where: string } | undefined {
  for (const f of files) {
    const lines = f.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].replace(/^\s*[#;].*$/, '').trim();
      const m = key.exec(line);
      if (m) return { value: (m[1] ?? '').trim(), where: `${f.path}:${i + 1}` };
    }
  }
  return undefined;
}

const ALL = /^(0\.0\.0\.0|\*|::|\[::\]|0:0:0:0:0:0:0:0)$/;

function redis(ctx: AuditContext): HardenCheck | null {
  const files = [...read(ctx, ['/etc/redis/redis.conf', '/etc/redis.conf']), ...readDirFiles(ctx, ['/etc/redis'], /\.conf$/)];
  if (files.length === 0) return null;
  const bind = directive(files, /^bind\s+(.+)$/i);
  const prot = directive(files, /^protected-mode\s+(\S+)/i);
  const pass = directive(files, /^requirepass\s+(\S+)/i);
  const bindsAll = bind ? bind.value.split(/\s+/).some((a) => ALL.test(a.replace(/^-/, ''))) : false;
  // Without bind, Redis listens everywhere but protected mode refuses remote clients until a password is set.
  const open = !pass && (bindsAll || prot?.value.toLowerCase() === 'no');
  const where = bind?.where ?? prot?.where ?? files[0].path;
  return makeCheck(
    ctx.lang,
    'service.redis',
    open ? 'fail' : 'pass',
    'critical',
    [
      bind ? `${bind.where}: bind ${bind.value}` : 'no bind directive',
      prot ? `${prot.where}: protected-mode ${prot.value}` : 'protected-mode default (yes)',
      pass ? `${pass.where}: requirepass set` : 'no requirepass',
    ],
    { where },
  );
}

function docker(ctx: AuditContext): HardenCheck | null {
  const files = [
    ...read(ctx, ['/etc/docker/daemon.json', '/etc/sysconfig/docker', '/etc/default/docker']),
    ...readDirFiles(ctx, ['/etc/systemd/system/docker.service.d'], /\.conf$/),
    ...read(ctx, ['/etc/systemd/system/docker.service']),
  ];
  if (files.length === 0) return null;
  const hits = files.flatMap((f) =>
    f.text
      .split('\n')
      .flatMap((l, i) => (/tcp:\/\/(0\.0\.0\.0|\[?::\]?)?:2375\b/.test(l) ? [`${f.path}:${i + 1}: ${l.trim().slice(0, 200)}`] : [])),
  );
  return makeCheck(
    ctx.lang,
    'service.docker',
    hits.length ? 'fail' : 'pass',
    'critical',
    hits.length ? hits : files.map((f) => `${f.path}: no plain TCP listener on 2375`),
    {
      where: hits[0]?.split(': ')[0] ?? files[0].path,
    },
  );
}

function mysql(ctx: AuditContext): HardenCheck | null {
  const files = [
    ...read(ctx, ['/etc/mysql/my.cnf', '/etc/my.cnf']),
    ...readDirFiles(ctx, ['/etc/mysql/conf.d', '/etc/mysql/mysql.conf.d', '/etc/mysql/mariadb.conf.d', '/etc/my.cnf.d'], /\.cnf$/),
  ];
  if (files.length === 0) return null;
  const bind = directive(files, /^bind[-_]address\s*=\s*(\S+)/i);
  const open = bind !== undefined && ALL.test(bind.value);
  return makeCheck(
    ctx.lang,
    'service.mysql',
    open ? 'fail' : bind ? 'pass' : 'unknown',
    'high',
    [bind ? `${bind.where}: bind-address = ${bind.value}` : 'no bind-address (MySQL 8 listens on all addresses by default)'],
    {
      where: bind?.where ?? files[0].path,
    },
  );
}

function postgresql(ctx: AuditContext): HardenCheck | null {
  const versions = ctx.host.readDir('/etc/postgresql') ?? [];
  const confDirs = [...versions.map((v) => `/etc/postgresql/${v}/main`), '/var/lib/pgsql/data'];
  const conf = read(
    ctx,
    confDirs.map((d) => `${d}/postgresql.conf`),
  );
  if (conf.length === 0) return null;
  const hba = read(
    ctx,
    confDirs.map((d) => `${d}/pg_hba.conf`),
  );
  const listen = directive(conf, /^listen_addresses\s*=\s*'?([^'#]*)'?/i);
  const listensAll = listen !== undefined && listen.value.split(',').some((a) => ALL.test(a.trim()));
  const trust = hba.flatMap((f) =>
    f.text.split('\n').flatMap((l, i) => {
      const w = l.replace(/#.*$/, '').trim().split(/\s+/);
      return (w[0] === 'host' || w[0] === 'hostssl' || w[0] === 'hostnossl') &&
        w.at(-1) === 'trust' &&
        !/^(127\.|::1|localhost)/.test(w[3] ?? '')
        ? [`${f.path}:${i + 1}: ${l.trim()}`]
        : [];
    }),
  );
  const problem = trust.length ? stateText(ctx.lang, 'trustsRemote') : stateText(ctx.lang, 'listensAll');
  const status = trust.length || listensAll ? 'fail' : 'pass';
  return makeCheck(
    ctx.lang,
    'service.postgresql',
    status,
    trust.length ? 'critical' : 'high',
    [listen ? `${listen.where}: listen_addresses = '${listen.value}'` : "listen_addresses not set (default 'localhost')", ...trust],
    {
      problem,
      where: trust[0]?.split(': ')[0] ?? listen?.where ?? conf[0].path,
    },
  );
}

function elasticsearch(ctx: AuditContext): HardenCheck | null {
  const files = read(ctx, ['/etc/elasticsearch/elasticsearch.yml']);
  if (files.length === 0) return null;
  const host = directive(files, /^network\.host\s*:\s*"?([^"\s]+)"?/i);
  const sec = directive(files, /^xpack\.security\.enabled\s*:\s*(\S+)/i);
  const exposed = host !== undefined && (ALL.test(host.value) || /^_(site|global|non_loopback)/.test(host.value));
  const open = exposed && sec?.value.toLowerCase() !== 'true';
  return makeCheck(
    ctx.lang,
    'service.elasticsearch',
    open ? 'fail' : 'pass',
    'high',
    [
      host ? `${host.where}: network.host ${host.value}` : 'network.host default (localhost)',
      sec ? `${sec.where}: xpack.security.enabled ${sec.value}` : 'xpack.security.enabled not set',
    ],
    {
      where: host?.where ?? files[0].path,
    },
  );
}

function yarn(ctx: AuditContext): HardenCheck | null {
  const dirs = ['/etc/hadoop/conf', '/etc/hadoop', '/opt/hadoop/etc/hadoop', '/usr/local/hadoop/etc/hadoop'];
  const site = read(
    ctx,
    dirs.map((d) => `${d}/yarn-site.xml`),
  );
  if (site.length === 0) return null;
  const core = read(
    ctx,
    dirs.map((d) => `${d}/core-site.xml`),
  );
  const kerberos = core.some((f) => /<name>\s*hadoop\.security\.authentication\s*<\/name>\s*<value>\s*kerberos\s*<\/value>/i.test(f.text));
  return makeCheck(
    ctx.lang,
    'service.yarn',
    kerberos ? 'pass' : 'fail',
    'high',
    [
      `${site[0].path}: YARN configured`,
      kerberos ? 'hadoop.security.authentication = kerberos' : 'hadoop.security.authentication is simple (default)',
    ],
    {
      where: site[0].path,
    },
  );
}

function jenkins(ctx: AuditContext): HardenCheck | null {
  const files = read(ctx, ['/var/lib/jenkins/config.xml']);
  if (files.length === 0) return null;
  const off = /<useSecurity>\s*false\s*<\/useSecurity>/.test(files[0].text);
  return makeCheck(
    ctx.lang,
    'service.jenkins',
    off ? 'fail' : 'pass',
    'critical',
    [`${files[0].path}: useSecurity ${off ? 'false' : 'true'}`],
    { where: files[0].path },
  );
}

const PORTS: Record<number, string> = {
  6379: 'Redis',
  2375: 'Docker API',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  9200: 'Elasticsearch',
  8088: 'Hadoop YARN',
  27017: 'MongoDB',
  11211: 'memcached',
};

/** Live only: sockets listening on every address at a port miners scan for. */
function listeners(ctx: AuditContext, judged: Set<string>): HardenCheck[] {
  const out: HardenCheck[] = [];
  const seen = new Set<number>();
  for (const s of ctx.facts.sockets ?? []) {
    const service = PORTS[s.localPort];
    if (!service || s.state !== 'LISTEN' || !ALL.test(s.local) || seen.has(s.localPort)) continue;
    seen.add(s.localPort);
    // A service whose configuration already failed says the same thing; one whose config passed (Redis with a password) is not re-flagged.
    if (judged.has(service)) continue;
    out.push(
      makeCheck(
        ctx.lang,
        'service.listening',
        'fail',
        'high',
        [`${s.proto} ${s.local}:${s.localPort} LISTEN (pids ${s.pids.join(',') || '?'})`],
        { service, port: s.localPort, where: `${s.local}:${s.localPort}` },
      ),
    );
  }
  return out;
}

const SERVICE_OF: Partial<Record<CheckId, string>> = {
  'service.redis': 'Redis',
  'service.docker': 'Docker API',
  'service.mysql': 'MySQL',
  'service.postgresql': 'PostgreSQL',
  'service.elasticsearch': 'Elasticsearch',
  'service.yarn': 'Hadoop YARN',
};

export function serviceChecks(ctx: AuditContext): HardenCheck[] {
  const checks = [redis, docker, mysql, postgresql, elasticsearch, yarn, jenkins]
    .map((f) => f(ctx))
    .filter((c): c is HardenCheck => c !== null);
  const judged = new Set(
    checks.filter((c) => c.status !== 'unknown').flatMap((c) => (SERVICE_OF[c.id] ? [SERVICE_OF[c.id] as string] : [])),
  );
  return [...checks, ...listeners(ctx, judged)];
}
