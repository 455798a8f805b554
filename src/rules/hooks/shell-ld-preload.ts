import type { Severity } from '../../model/finding';
import { severityRank } from '../../model/finding';
import { defineRule } from '../rule';
import { expandHome } from './command-words';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';
import { assignedValues } from './shell-syntax';

const LOADER_VARS = ['LD_PRELOAD', 'LD_AUDIT'];

export default defineRule({
  meta: {
    id: 'hooks/shell-ld-preload',
    category: 'ld_preload',
    severity: 'high',
    attack: ['T1574.006', 'T1546.004'],
    status: 'stable',
    description:
      'LD_PRELOAD or LD_AUDIT set in a shell start-up file or /etc/environment: every program started from a login shell then loads that library, which lets it hide files and processes or capture passwords typed into sudo and ssh.',
    falsePositives: [
      'A packaged allocator or helper library (jemalloc, libeatmydata) preloaded on purpose: reported as medium because a package owns it.',
    ],
    references: ['https://attack.mitre.org/techniques/T1574/006/'],
    uses: ['shellStartup'],
    messages: {
      preload: {
        en: {
          title: '{variable} set at login in {file}: {library}',
          detail:
            'Line {line} makes every program started from a login shell load {library}. A library injected this way sees everything those programs do, including passwords typed into sudo, su and ssh, and can hide files and processes from ls and ps.',
          action:
            'Identify the library (dpkg -S {library} or rpm -qf {library}; sha256sum {library}) and copy it for evidence. If nobody on the team set this, remove the line (sed -i "{line}s/^/#/" {file}), then start a fresh login shell and check "env | grep LD_".',
        },
        'zh-CN': {
          title: '{file} 在登录时设置了 {variable}：{library}',
          detail:
            '第 {line} 行让所有从登录 shell 启动的程序都加载 {library}。以此方式注入的库能看到这些程序的一切，包括在 sudo、su、ssh 中输入的密码，并能对 ls、ps 隐藏文件和进程。',
          action:
            '确认该库来源（dpkg -S {library} 或 rpm -qf {library}；sha256sum {library}）并复制留证。若团队中无人设置，删除该行（sed -i "{line}s/^/#/" {file}），重新登录 shell 并检查 “env | grep LD_”。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const file of snapshot.facts.shellStartup?.files ?? []) {
      for (const line of file.lines) {
        for (const variable of LOADER_VARS) {
          if (!line.text.includes(variable)) continue;
          for (const value of assignedValues(line.text, variable)) {
            const libraries = value.split(/[\s:]+/).filter((l) => l !== '' && !/^\$\{?LD_/.test(l));
            if (libraries.length === 0) continue;
            let worst: { library: string; severity: Severity } | null = null;
            for (const raw of libraries) {
              const library = expandHome(raw, file.home);
              const own = library.startsWith('/') ? owned(snapshot, library) : null;
              const severity: Severity = suspiciousPlace(library, intel) ? 'critical' : own === true ? 'medium' : 'high';
              if (!worst || severityRank(severity) > severityRank(worst.severity)) worst = { library, severity };
            }
            if (!worst) continue;
            report({
              messageId: 'preload',
              severity: worst.severity,
              data: { variable, library: worst.library, file: file.path, line: line.n },
              path: file.path,
              user: file.user,
              time: file.mtime ?? undefined,
              evidence: [lineEvidence(file.path, line.n, line.text)],
            });
          }
        }
      }
    }
  },
});
