import { defineRule } from '../rule';
import { lineEvidence, suspiciousPlace } from './hook-paths';

export default defineRule({
  meta: {
    id: 'hooks/ld-so-conf-path',
    category: 'ld_preload',
    severity: 'high',
    attack: ['T1574.006'],
    status: 'stable',
    description:
      'A library search directory in /etc/ld.so.conf or /etc/ld.so.conf.d/* that lies in a temporary or hidden directory, or outside the usual library trees. Libraries there can shadow libc or libpam for every program once ldconfig runs.',
    falsePositives: [
      'Self-built software installed under /home or /srv with its libraries registered system-wide (medium: worth a look, not an alarm).',
    ],
    references: ['https://attack.mitre.org/techniques/T1574/006/', 'https://man7.org/linux/man-pages/man8/ldconfig.8.html'],
    uses: ['ldConfig'],
    messages: {
      place: {
        en: {
          title: 'Loader searches a temporary or hidden directory for libraries: {dir}',
          detail:
            '{file} line {line} adds {dir} to the system library path. Anything dropped there can replace a system library (libc, libpam, libcrypto) in every program; packages never register such directories.',
          action:
            'Inspect the directory (ls -la {dir}; sha256sum {dir}/*), copy it for evidence, then remove the line from {file} and rebuild the cache: sed -i "{line}s/^/#/" {file}; ldconfig. Compare ldconfig -p before and after.',
        },
        'zh-CN': {
          title: '动态链接器会在临时或隐藏目录中查找库：{dir}',
          detail:
            '{file} 第 {line} 行把 {dir} 加入了系统库搜索路径。放在那里的任何文件都能在所有程序中替换系统库（libc、libpam、libcrypto）；软件包从不注册这类目录。',
          action:
            '检查该目录（ls -la {dir}；sha256sum {dir}/*）并复制留证，然后从 {file} 删除该行并重建缓存：sed -i "{line}s/^/#/" {file}; ldconfig。对比前后的 ldconfig -p 输出。',
        },
      },
      unusual: {
        en: {
          title: 'Library search directory outside the usual library trees: {dir}',
          detail:
            '{file} line {line} adds {dir} to the system library path. Libraries normally live under /lib, /usr/lib, /usr/local or /opt; a directory elsewhere lets whoever can write it inject code into every program.',
          action:
            'Check who added it and what it holds (ls -la {dir}; dpkg -S {file} or rpm -qf {file}). If nobody expects it, comment it out and rebuild the cache: sed -i "{line}s/^/#/" {file}; ldconfig.',
        },
        'zh-CN': {
          title: '库搜索路径不在常规库目录中：{dir}',
          detail:
            '{file} 第 {line} 行把 {dir} 加入了系统库搜索路径。库通常位于 /lib、/usr/lib、/usr/local 或 /opt；其他位置意味着任何能写该目录的人都能向所有程序注入代码。',
          action:
            '确认是谁添加的以及目录内容（ls -la {dir}；dpkg -S {file} 或 rpm -qf {file}）。如无人知情，注释该行并重建缓存：sed -i "{line}s/^/#/" {file}; ldconfig。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const usual = intel.hooks.usualLibraryDirs;
    for (const d of snapshot.facts.ldConfig?.libraryDirs ?? []) {
      const base = {
        path: d.file,
        time: d.fileMtime ?? undefined,
        data: { dir: d.dir, file: d.file, line: d.n },
        evidence: [lineEvidence(d.file, d.n, d.line)],
      };
      if (suspiciousPlace(d.dir, intel)) {
        report({ ...base, messageId: 'place' });
        continue;
      }
      const dir = d.dir.replace(/\/+$/, '');
      const isUsual = usual.some((u) => (u.endsWith('/') ? `${dir}/`.startsWith(u) : dir === u || dir.startsWith(`${u}/`)));
      if (!isUsual) report({ ...base, messageId: 'unusual', severity: 'medium' });
    }
  },
});
