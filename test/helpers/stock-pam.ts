import { type PamFact, type PamFile, type PamModuleFile, stackEntries } from '../../src/collect/hooks/pam';
import { configFile, MTIME } from './hook-facts';

// PAM stacks as Debian and RHEL ship them, for rule fixtures.

export const MODULE_DIR = '/usr/lib/x86_64-linux-gnu/security';

export const DEBIAN_PAM: Record<string, string> = {
  'common-auth':
    'auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\t\t\tpam_deny.so\nauth\trequired\t\t\tpam_permit.so\nauth\toptional\t\t\tpam_cap.so\n',
  'common-account':
    'account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so\naccount\trequisite\t\t\tpam_deny.so\naccount\trequired\t\t\tpam_permit.so\n',
  'common-session':
    'session\t[default=1]\t\t\tpam_permit.so\nsession\trequisite\t\t\tpam_deny.so\nsession\trequired\t\t\tpam_permit.so\nsession\trequired\tpam_unix.so\nsession\toptional\tpam_systemd.so\n',
  'common-password':
    'password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\t\t\tpam_deny.so\npassword\trequired\t\t\tpam_permit.so\n',
  sshd: '@include common-auth\naccount    required     pam_nologin.so\n@include common-account\nsession [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so close\nsession    required     pam_loginuid.so\n@include common-session\nsession    optional     pam_motd.so  motd=/run/motd.dynamic\nsession    optional     pam_motd.so noupdate\nsession    required     pam_env.so user_readenv=1 envfile=/etc/default/locale\n@include common-password\n',
  su: 'auth       sufficient pam_rootok.so\nsession       required   pam_env.so readenv=1\n@include common-auth\n@include common-account\n@include common-session\n',
  login:
    'auth       optional   pam_faildelay.so  delay=3000000\nauth       requisite  pam_nologin.so\n@include common-auth\nauth       optional   pam_group.so\nsession    optional   pam_motd.so motd=/run/motd.dynamic\n@include common-account\n@include common-session\n@include common-password\n',
  other: '@include common-auth\n@include common-account\n@include common-password\n@include common-session\n',
  'gdm-autologin':
    'auth    requisite       pam_nologin.so\nauth    required        pam_succeed_if.so user != root quiet_success\nauth    optional        pam_gdm.so\nauth    optional        pam_gnome_keyring.so\nauth    required        pam_permit.so\n@include common-account\n',
};

export const RHEL_PAM: Record<string, string> = {
  'password-auth':
    'auth        required      pam_env.so\nauth        required      pam_faildelay.so delay=2000000\nauth        [default=1 ignore=ignore success=ok] pam_usertype.so isregular\nauth        sufficient    pam_unix.so nullok\nauth        sufficient    pam_sss.so forward_pass\nauth        required      pam_deny.so\n',
  sshd: 'auth       substack     password-auth\nauth       include      postlogin\naccount    required     pam_nologin.so\naccount    include      password-auth\n',
  postlogin:
    'session optional pam_umask.so silent\nsession [success=1 default=ignore] pam_succeed_if.so service !~ gdm* service !~ su* quiet\n',
};

export function pamFile(service: string, text: string, dir = '/etc/pam.d', mtime = MTIME): PamFile {
  const f = configFile(`${dir}/${service}`, text, mtime);
  const entries = stackEntries(f.lines, (m) => (m.startsWith('/') ? m : `${MODULE_DIR}/${m}`));
  return { path: f.path, service, mtime: f.mtime, entries };
}

export function moduleFile(name: string, over: Partial<PamModuleFile> = {}): PamModuleFile {
  const md5 = `${name
    .replace(/[^a-z]/g, '')
    .padEnd(32, '0')
    .slice(0, 32)}`;
  return { path: `${MODULE_DIR}/${name}`, mtime: '2025-03-06T22:46:53.000Z', size: 60000, md5, packageMd5: md5, ...over };
}

export const STOCK_MODULES = [
  'pam_unix.so',
  'pam_deny.so',
  'pam_permit.so',
  'pam_cap.so',
  'pam_env.so',
  'pam_systemd.so',
  'pam_exec.so',
  'pam_motd.so',
];

/** A PAM fact from service texts; `override` replaces or adds files. */
export function pamFact(texts: Record<string, string>, modules: PamModuleFile[] = STOCK_MODULES.map((m) => moduleFile(m))): PamFact {
  return { files: Object.entries(texts).map(([s, t]) => pamFile(s, t)), moduleDirs: [MODULE_DIR], modules };
}

/** dpkg owning the stock module files and the Debian pam.d files. */
export const PAM_PACKAGES = {
  manager: 'dpkg' as const,
  packageCount: 4,
  files: [
    ...STOCK_MODULES.map((m) => `${MODULE_DIR}/${m}`),
    ...Object.keys(DEBIAN_PAM).map((s) => `/etc/pam.d/${s}`),
    '/usr/bin/systemd-run',
  ],
};
