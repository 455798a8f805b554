import { parseSudoersText, type SudoersFact } from '../../src/collect/accounts/sudoers';

export const DEBIAN_SUDOERS =
  'Defaults\tenv_reset\nDefaults\tmail_badpass\nDefaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nDefaults\tuse_pty\nroot\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n';

/** A sudoers fact from (path, text, mtime) triples, parsed by the collector's parser. */
export function sudoersFact(files: { path: string; text: string; mtime?: string; generatedBy?: string }[]): SudoersFact {
  return {
    files: files.map((f) => ({
      path: f.path,
      mtime: f.mtime ?? '2025-01-10T00:00:00.000Z',
      mode: 0o440,
      uid: 0,
      generatedBy: f.generatedBy ?? (/created by cloud-init/i.test(f.text) ? 'cloud-init' : null),
    })),
    entries: files.flatMap((f) => parseSudoersText(f.text, f.path).entries),
  };
}
