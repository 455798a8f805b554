import { type Phrase, type PhraseValue, phrase } from '../../i18n/phrases';
import { hiddenPlace, inTmpDir } from '../../analyze/facts-index';
import type { ExecutableSample } from '../../collect/rootkit/packed-executables';
import { defineRule } from '../rule';

function why(s: ExecutableSample, minEntropy: number): Phrase[] {
  const parts: Phrase[] = [];
  if (s.magic) parts.push(phrase('packed.signature', { magic: s.magic }));
  if (s.entropy >= minEntropy) parts.push(phrase('packed.entropy', { entropy: s.entropy.toFixed(2) }));
  if (s.sectionHeaders === 0) parts.push(phrase('packed.noSections'));
  return parts;
}

function evidence(s: ExecutableSample): PhraseValue[] {
  return [
    phrase('packed.sample', {
      path: s.deleted ? phrase('proc.deletedExe', { exe: s.path }) : s.path,
      from: s.readFrom,
      bytes: s.sampledBytes,
      entropy: s.entropy.toFixed(3),
    }),
    phrase('packed.headers', { magic: s.magic ?? phrase('answer.none'), sections: s.sectionHeaders ?? phrase('answer.unknown') }),
    ...(s.pids.length > 0 ? [phrase('packed.runningAs', { pids: s.pids.slice(0, 10).join(', ') })] : []),
    ...(s.sha256 ? [`sha256 ${s.sha256}`] : []),
  ];
}

export default defineRule({
  meta: {
    id: 'rootkit/packed-executable',
    category: 'rootkit',
    severity: 'medium',
    attack: ['T1027.002'],
    status: 'experimental',
    description:
      'An ELF executable no package owns — running, or lying in a temporary or hidden directory — that is packed or encrypted: a UPX-style signature or byte entropy above intel rootkit.packedMinEntropy (ordinary code stays below ~7.1). A signal that strings/grep-based checks are blind to it, not a verdict on its own.',
    falsePositives: ['Vendors that ship UPX-compressed tools (some Go and game-server binaries); self-extracting installers left in /tmp.'],
    references: ['https://attack.mitre.org/techniques/T1027/002/', 'https://upx.github.io/'],
    uses: ['packedExecutables'],
    messages: {
      running: {
        en: {
          title: 'Running program {path} is packed or encrypted ({why})',
          detail:
            'Process {pids} runs an executable no package owns whose bytes look compressed or encrypted. Miners and bots are packed (UPX or custom) so that strings, grep and antivirus signatures find nothing in the file.',
          action:
            'Copy the running image before anything else (cp /proc/{pid}/exe /root/evidence/{pid}.bin; sha256sum it), try upx -d on the copy, and check what started pid {pid}.',
        },
        'zh-CN': {
          title: '正在运行的程序 {path} 经过加壳或加密（{why}）',
          detail:
            '进程 {pids} 运行的可执行文件不属于任何软件包，其字节特征像是压缩或加密过。挖矿和僵尸程序常加壳（UPX 或自定义），让 strings、grep 和杀毒签名在文件里什么也找不到。',
          action:
            '先复制运行中的映像（cp /proc/{pid}/exe /root/evidence/{pid}.bin，并 sha256sum），对副本尝试 upx -d，再查明是谁启动了 PID {pid}。',
        },
      },
      file: {
        en: {
          title: 'Packed or encrypted executable in {where}: {path} ({why})',
          detail:
            'An ELF program no package owns sits in the temporary or hidden directory {where} with compressed or encrypted contents. Droppers unpack miners and bots into /tmp, /var/tmp, /dev/shm or dot-directories this way.',
          action:
            'Keep a copy with its timestamps (cp --preserve=all {path} /root/evidence/), sha256sum it, try upx -d on the copy, and search cron, systemd and init scripts for its name.',
        },
        'zh-CN': {
          title: '{where} 中发现加壳或加密的可执行文件：{path}（{why}）',
          detail:
            '一个不属于任何软件包的 ELF 程序位于临时或隐藏目录 {where}，内容经过压缩或加密。投放器常把挖矿和僵尸程序这样解包到 /tmp、/var/tmp、/dev/shm 或点号开头的隐藏目录。',
          action:
            '保留带时间戳的副本（cp --preserve=all {path} /root/evidence/），计算 sha256sum，对副本尝试 upx -d，并在 cron、systemd 和 init 脚本中搜索它的名字。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const min = intel.rootkit.packedMinEntropy;
    for (const s of snapshot.facts.packedExecutables?.samples ?? []) {
      if (s.sampledBytes < intel.rootkit.packedMinBytes) continue;
      if (s.magic === null && s.entropy < min) continue;
      const reason = why(s, min);
      if (s.source === 'process' && s.pids.length > 0) {
        const odd =
          s.deleted || s.path.startsWith('/memfd:') || inTmpDir(s.path) || hiddenPlace(s.path, intel.paths.knownHomeDotDirs) !== null;
        report({
          messageId: 'running',
          data: { path: s.path, why: reason, pids: s.pids.slice(0, 10).join(', '), pid: s.pids[0] },
          severity: odd ? 'high' : 'medium',
          pid: s.pids[0],
          path: s.path,
          evidence: evidence(s),
        });
        continue;
      }
      const where = s.path.slice(0, s.path.lastIndexOf('/')) || '/';
      report({ messageId: 'file', data: { path: s.path, why: reason, where }, path: s.path, evidence: evidence(s) });
    }
  },
});
