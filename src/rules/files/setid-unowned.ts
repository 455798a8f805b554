import { phrase } from '../../i18n/phrases';
import { isPackageOwned } from '../../analyze/facts-index';
import { defineRule } from '../rule';
import { fileEvidence, octal } from './file-evidence';

export default defineRule({
  meta: {
    id: 'files/setid-unowned',
    category: 'suid',
    severity: 'high',
    attack: ['T1548.001'],
    status: 'stable',
    description:
      'A setuid or setgid file that no package installed: in a temporary or home directory (critical when it runs as root), or in the bin/lib directories and /opt, /usr/local (high). Packaged ones (passwd, sudo, mount, su, chsh…) are silent.',
    falsePositives: [
      'Vendor software installed from a tarball with its own setuid helper (e.g. a sandbox under /opt); allow-list its path.',
      'Without a package database (dpkg or rpm), only temporary and home directories are judged.',
    ],
    references: ['https://attack.mitre.org/techniques/T1548/001/'],
    uses: ['fileInventory'],
    messages: {
      writable: {
        en: {
          title: 'Setuid/setgid program in {where}: {path}',
          detail:
            "Mode {mode}, owner uid {uid}. A set-id file in a temporary or home directory is a classic root backdoor: a copy of bash or a tiny wrapper that gives whoever runs it the owner's rights (here uid {uid}).",
          action:
            'Take the bit away at once (chmod ug-s {path}), keep a copy (cp -a {path} /root/evidence/; sha256sum {path}), and check who used it (grep "{path}" /root/.bash_history /home/*/.bash_history; last -20).',
        },
        'zh-CN': {
          title: '{where} 中有 setuid/setgid 程序：{path}',
          detail:
            '权限 {mode}，属主 uid {uid}。临时目录或家目录中的 set-id 文件是典型的提权后门：一个 bash 副本或小包装程序，任何人运行都获得属主权限（此处 uid {uid}）。',
          action:
            '立即去掉该位（chmod ug-s {path}），保留副本（cp -a {path} /root/evidence/；sha256sum {path}），再排查谁用过它（grep "{path}" /root/.bash_history /home/*/.bash_history；last -20）。',
        },
      },
      system: {
        en: {
          title: 'Setuid/setgid file that no package installed: {path}',
          detail:
            'Mode {mode}, owner uid {uid}. Every legitimate set-id program on a Debian system comes from a package; an unowned one in a system directory is how attackers keep a way back to root after the password is changed.',
          action:
            'Check it: ls -l {path}; dpkg -S {path} or rpm -qf {path}; sha256sum {path}. If no one installed it on purpose: chmod ug-s {path}, keep a copy in /root/evidence/, and remove it.',
        },
        'zh-CN': {
          title: '不属于任何软件包的 setuid/setgid 文件：{path}',
          detail:
            '权限 {mode}，属主 uid {uid}。Debian 系统中合法的 set-id 程序都来自软件包；系统目录中无主的 set-id 文件是攻击者在改密码后仍能重回 root 的常用手段。',
          action:
            '核查：ls -l {path}；dpkg -S {path} 或 rpm -qf {path}；sha256sum {path}。若无人有意安装：chmod ug-s {path}，把副本保存到 /root/evidence/，然后删除。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.kind !== 'file' || (e.mode & 0o6000) === 0) continue;
      const writablePlace = e.role === 'tmp' || e.role === 'home';
      const owned = writablePlace ? false : isPackageOwned(snapshot, e.path);
      if (owned !== false) continue; // owned, or no package database to tell
      const rootPower = ((e.mode & 0o4000) !== 0 && e.uid === 0) || ((e.mode & 0o2000) !== 0 && e.gid === 0);
      const data = {
        path: e.path,
        mode: octal(e.mode),
        uid: e.uid,
        where: phrase(e.role === 'tmp' ? 'place.tmpDir' : 'place.homeDir'),
      };
      if (writablePlace) {
        report({
          messageId: 'writable',
          severity: rootPower ? 'critical' : 'high',
          data,
          path: e.path,
          time: e.mtime,
          evidence: fileEvidence(e),
        });
      } else {
        report({ messageId: 'system', data, path: e.path, time: e.mtime, evidence: fileEvidence(e) });
      }
    }
  },
});
