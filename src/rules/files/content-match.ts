import { SEVERITIES, type Severity } from '../../model/finding';
import { localized, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

const MAX_EXCERPTS = 3;

/**
 * Rules that already judge a file by what it says or what it is (a cron, unit, init or hook line
 * that downloads and runs, a webshell in a web root, a known malware file, an executable dropped in
 * /tmp): when one of them names the same file, the content match is not a second alarm but more
 * evidence in theirs. Their remedy also fits better: the line rules remove the bad line and leave
 * the rest of a cron table or profile alone.
 */
const MORE_SPECIFIC = [
  'persistence/',
  'hooks/',
  'logs/webshell-content',
  'logs/history-suspicious-commands',
  'files/known-malware-file',
  'files/executable-in-temp',
  'files/setid-unowned',
  'files/unowned-system-executable',
  'files/web-upload-script',
] as const;

function severityOf(s: string | undefined): Severity {
  return (SEVERITIES as readonly string[]).includes(s ?? '') ? (s as Severity) : 'medium';
}

export default defineRule({
  meta: {
    id: 'files/content-match',
    category: 'file_ioc',
    severity: 'high',
    attack: ['T1496', 'T1059.004', 'T1105', 'T1098.004', 'T1505.003'],
    status: 'experimental',
    description:
      "A file whose content matches a YARA content rule (hostsweep's own in src/intel/yara, or the user's with --rules): miner configuration, mining pool addresses, reverse shells, download-and-execute droppers, SSH key injection, PHP and JSP webshells, strings of the XOR.DDoS, BillGates, Kinsing and Tsunami families. The severity is the content rule's own; the evidence quotes the matching text.",
    falsePositives: [
      'Security tooling, documentation or training material that quotes attack commands (a pentest kit in a home directory); allow-list the path.',
      'A sanctioned mining host keeps its miner configuration on purpose.',
    ],
    references: ['https://virustotal.github.io/yara-x/', 'https://attack.mitre.org/techniques/T1505/003/'],
    uses: ['contentScan'],
    messages: {
      match: {
        en: {
          title: 'Content rule {id} matched: {path}',
          detail: '{description}. The file contains: {excerpt}',
          action:
            'Keep evidence first: cp -a {path} /root/evidence/ && sha256sum {path}; read the file around the quoted text, find what created or runs it (grep -rF "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc), then quarantine it.',
        },
        'zh-CN': {
          title: '内容规则 {id} 命中：{path}',
          detail: '{description}。文件中包含：{excerpt}',
          action:
            '先保留证据：cp -a {path} /root/evidence/ && sha256sum {path}；阅读引用文本附近的内容，查找创建或运行它的位置（grep -rF "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc），然后隔离该文件。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const scan = snapshot.facts.contentScan;
    for (const m of scan?.matches ?? []) {
      const name = m.path.slice(m.path.lastIndexOf('/') + 1);
      const excerpts = m.excerpts.slice(0, MAX_EXCERPTS);
      const rule = phrase(m.attack ? 'content.ruleAttack' : 'content.rule', {
        id: m.id,
        rule: m.rule,
        attack: m.attack,
        engine: scan?.engine ?? '?',
      });
      const quotes = excerpts.map((x, i) =>
        i === 0 ? phrase('content.matchAt', { n: 1, offset: m.offset, text: x }) : phrase('content.match', { n: i + 1, text: x }),
      );
      const attack = (m.attack ?? '').split(/[\s,]+/).filter((a) => /^T\d{4}(\.\d{3})?$/.test(a));
      report({
        messageId: 'match',
        severity: severityOf(m.severity),
        data: {
          id: m.id,
          path: m.path,
          name,
          // The built-in content rules carry their zh-CN wording in their `zh` meta.
          description: m.description ? localized(m.description, m.zh) : m.rule,
          excerpt: excerpts[0] ?? '',
        },
        path: m.path,
        time: m.mtime,
        evidence: [phrase('file.path', { path: m.path }), rule, ...quotes, phrase('content.size', { size: m.size, mtime: m.mtime })],
        ...(attack.length > 0 ? { attack } : {}),
        defer: { rules: MORE_SPECIFIC, evidence: [rule, ...quotes] },
      });
    }
  },
});
