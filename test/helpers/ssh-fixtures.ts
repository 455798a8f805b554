// Public keys made for the fixtures with ssh-keygen, and the fingerprints `ssh-keygen -lf` printed for them.
export const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICxaRRumoInxdoIPsvlEiWb3IYqQ9Vko/mWVNHp+b8XW alice@laptop';
export const ED25519_FP = 'SHA256:rzo8zpdblR7NZlNAdn7Nh0xarOYAjQzcvhvJy6LD3sA';
export const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDuPf63GhgZ+MRsN2HiNqiCQnwegrGrq7B7/0NwLV81DzFDkAqwpS3aZr5pm+9idA9tIb7CuszJfaZLHQSiXnxERUg5pEgA0Z+YCVq1+noF3kpNwRIcGbg3JBkc5bEL6Mux1a1CnZZYQSgWIqC16soaKw7kEGB0m/mdlhQfattWiw== deploy';
export const RSA_FP = 'SHA256:JHa/uKVmygK2rXFVE7PRZzafVofZtCTi6s6p45Kdo8g';

/** Debian's stock sshd_config (bookworm), trimmed of comments that do not matter. */
export const DEBIAN_SSHD_CONFIG = `# This is the sshd server system-wide configuration file.
Include /etc/ssh/sshd_config.d/*.conf
#PermitRootLogin prohibit-password
#AuthorizedKeysFile	.ssh/authorized_keys .ssh/authorized_keys2
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server
`;

import { parseAuthorizedKeys, type KeysFile, type SshKeysFact } from '../../src/collect/accounts/ssh-keys';
import { splitSshdLine, type SshdConfigFact } from '../../src/collect/accounts/sshd-config';

export const OLD = '2025-02-01T08:00:00.000Z';

/** An sshKeys fact from file contents, parsed by the collector's own parser. */
export function keysFact(files: (Partial<KeysFile> & { path: string; users: string[]; text: string })[]): SshKeysFact {
  const out: SshKeysFact = { files: [], keys: [] };
  for (const f of files) {
    const parsed = parseAuthorizedKeys(f.text, f.path, f.users[0]);
    const { text: _text, ...rest } = f;
    out.files.push({
      via: 'home',
      mtime: OLD,
      mode: 0o600,
      uid: 0,
      symlink: null,
      dirMode: 0o700,
      dirUid: 0,
      homeMode: 0o755,
      homeUid: 0,
      malformed: parsed.malformed,
      ...rest,
    });
    out.keys.push(...parsed.keys);
  }
  return out;
}

/** An sshdConfig fact from config text (one file, no includes), Match blocks marked as the collector does. */
export function sshdFact(text: string, hostKeyTimes: string[] = [OLD]): SshdConfigFact {
  const options: SshdConfigFact['options'] = [];
  let inMatch = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [k, ...args] = splitSshdLine(line);
    const key = k.toLowerCase();
    if (key === 'match') inMatch = !(args[0]?.toLowerCase() === 'all');
    options.push({ key, args, file: '/etc/ssh/sshd_config', line: i + 1, text: line, inMatch: key === 'match' || inMatch });
  });
  return { present: true, files: [{ path: '/etc/ssh/sshd_config', mtime: OLD }], options, hostKeyTimes };
}
