import { baseName } from '../../model/path-name';
import { defineRule } from '../rule';
import { processFileOwned } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';
import { looksRandom } from '../shared/random-name';

// Where XOR.DDoS-style droppers put their copies. Self-built software goes to /usr/local or /opt,
// and names like "postgresql" are consonant-heavy too, so the rule only looks at these places.
const DROP_DIRS = /^\/(bin|sbin|usr\/bin|usr\/sbin|lib|lib64|usr\/lib|usr\/lib64|etc|boot|tmp|var\/tmp|dev\/shm|root)\//;

export default defineRule({
  meta: {
    id: 'process/random-name',
    category: 'process',
    severity: 'high',
    attack: ['T1036'],
    status: 'stable',
    description:
      'A process with a random-looking lowercase name (XOR.DDoS style) whose executable no package owns and sits in a system or temporary directory (or was deleted).',
    falsePositives: ['Unpackaged programs with consonant-heavy names; allow-list them by name.'],
    uses: ['processes', 'packages'],
    messages: {
      random: {
        en: {
          title: 'Random-named process {name} (pid {pid})',
          detail:
            'The name "{name}" looks machine-generated and {exe} belongs to no package. DDoS trojans of the XOR.DDoS/BillGates family install themselves under random ten-letter names in /usr/bin, /bin and /etc/init.d.',
          action:
            'Look for the same name in /etc/init.d, /etc/rc*.d (S90{name}) and /etc/cron.hourly; freeze the process (kill -STOP {pid}) before removing them, since the trojan respawns.',
        },
        'zh-CN': {
          title: '随机名称进程 {name}（PID {pid}）',
          detail:
            '名称“{name}”像是机器生成的，且 {exe} 不属于任何软件包。XOR.DDoS/BillGates 家族的 DDoS 木马会以十位随机字母命名，藏在 /usr/bin、/bin 和 /etc/init.d 中。',
          action:
            '在 /etc/init.d、/etc/rc*.d（S90{name}）和 /etc/cron.hourly 中查找同名文件；木马会自动拉起，删除前先冻结进程（kill -STOP {pid}）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      const name = p.exe ? baseName(p.exe) : p.name;
      if (!looksRandom(p.name) && !looksRandom(name)) continue;
      if (p.exe !== null && !p.exeDeleted && (processFileOwned(snapshot, p, p.exe) !== false || !DROP_DIRS.test(p.exe))) continue;
      report({
        messageId: 'random',
        data: { name: p.name, pid: p.pid, exe: p.exe ?? '?' },
        pid: p.pid,
        path: p.exe ?? undefined,
        evidence: processEvidence(p),
      });
    }
  },
});
