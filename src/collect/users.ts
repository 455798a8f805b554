import { defineCollector } from './collector';

export interface UserFact {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupFact {
  name: string;
  gid: number;
  members: string[];
}

declare module '../model/facts' {
  interface Facts {
    users: { users: UserFact[]; groups: GroupFact[] };
  }
}

export function parsePasswd(text: string): UserFact[] {
  const out: UserFact[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4], home: f[5], shell: f[6] });
  }
  return out;
}

export function parseGroup(text: string): GroupFact[] {
  const out: GroupFact[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 4) continue;
    out.push({ name: f[0], gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] });
  }
  return out;
}

export default defineCollector({
  name: 'users',
  description: 'Local accounts and groups from /etc/passwd and /etc/group.',
  paths: ['/etc/passwd', '/etc/group'],
  collect({ host, gap }) {
    const passwd = host.readText('/etc/passwd');
    if (passwd === null) gap('/etc/passwd', host.lastError() ?? 'unreadable');
    const group = host.readText('/etc/group');
    if (group === null) gap('/etc/group', host.lastError() ?? 'unreadable');
    return { users: parsePasswd(passwd ?? ''), groups: parseGroup(group ?? '') };
  },
});
