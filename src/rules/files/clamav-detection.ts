import { type ClamavFact, describeDatabase } from '../../collect/content/clamav';
import { localized, phrase } from '../../i18n/phrases';
import { severityName } from '../../i18n/ui';
import type { Intel } from '../../intel/intel';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';

type SignatureSeverity = Intel['clamav']['signatureSeverity'][number];

/** The last matching entry wins (general to specific; the user's --intel entries come last). */
export function signatureSeverity(signature: string, table: SignatureSeverity[]): SignatureSeverity | null {
  const name = signature.replace(/\.UNOFFICIAL$/, '');
  let hit: SignatureSeverity | null = null;
  for (const e of table) if (new RegExp(e.pattern, 'i').test(name)) hit = e;
  return hit;
}

/** "ClamAV 1.4.6, database 27473 of Sun Nov 29 09:26:01 2026, /var/lib/clamav (daily.cld, main.cvd)". */
/** Which ClamAV and which signature database, as its engine reported them (en, zh). */
export function databaseLine(f: ClamavFact): { en: string; zh: string } {
  const where = describeDatabase(f);
  const whereZh = f.databaseDir ? where : 'clamd 已加载的特征库';
  const engine = `${f.engine} ${f.via}`;
  if (f.databaseVersion !== null) {
    const date = f.databaseDate ?? '';
    return {
      en: `ClamAV ${f.engineVersion ?? 'unknown version'} (${engine}), database version ${f.databaseVersion}${date ? ` of ${date}` : ''}: ${where}`,
      zh: `ClamAV ${f.engineVersion ?? '未知版本'}（${engine}），特征库版本 ${f.databaseVersion}${date ? `（${date}）` : ''}：${whereZh}`,
    };
  }
  return {
    en: `ClamAV ${f.engineVersion ?? 'unknown version'} (${engine}), unsigned database (no version): ${where}`,
    zh: `ClamAV ${f.engineVersion ?? '未知版本'}（${engine}），未签名的特征库（无版本号）：${whereZh}`,
  };
}

export default defineRule({
  meta: {
    id: 'files/clamav-detection',
    category: 'file_ioc',
    severity: 'high',
    attack: ['T1496', 'T1505.003', 'T1014', 'T1105'],
    status: 'experimental',
    description:
      'With --clamav: a file of the content scan set that ClamAV (a running clamd, else clamscan) detects. The severity comes from the signature family (src/intel/clamav.json: trojans, backdoors, rootkits and webshells critical; miners and other malware high; PUA and test files low); the evidence names the signature and the signature database used. An info line records what ClamAV scanned and with which database, also when it found nothing.',
    falsePositives: [
      'PUA and heuristic signatures flag dual-use tools and damaged files; they are low.',
      'Security tooling or malware samples kept on purpose (an analyst workstation); allow-list the path.',
    ],
    references: ['https://docs.clamav.net/manual/Signatures/SignatureNames.html', 'https://docs.clamav.net/manual/Usage/Scanning.html'],
    // Reads facts.clamav, made over the content scan's file set and only with --clamav: naming
    // clamav here would report the rule as "not run for lack of data" on every scan without it.
    uses: ['contentScan'],
    messages: {
      detected: {
        en: {
          title: 'ClamAV detected {signature}: {path}',
          detail: 'ClamAV reports the signature "{signature}" in this file ({family}).',
          action:
            'Keep evidence first: cp -a {path} /root/evidence/ && sha256sum {path}; find what created or runs it (grep -rF "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc), then quarantine it.',
        },
        'zh-CN': {
          title: 'ClamAV 检出 {signature}：{path}',
          detail: 'ClamAV 在该文件中报告特征“{signature}”（{family}）。',
          action:
            '先保留证据：cp -a {path} /root/evidence/ && sha256sum {path}；查找创建或运行它的位置（grep -rF "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc），然后隔离该文件。',
        },
      },
      scanned: {
        en: {
          title: 'ClamAV scanned {count} file(s), {detections} detection(s)',
          detail: 'ClamAV scanned the content scan file set with signature database {database}.',
          action: 'Keep the signature database current (freshclam) and scan again after an update; an old database misses new families.',
        },
        'zh-CN': {
          title: 'ClamAV 扫描了 {count} 个文件，检出 {detections} 处',
          detail: 'ClamAV 使用特征库 {database} 扫描了内容扫描所选的文件集。',
          action: '保持特征库为最新（freshclam），更新后再扫描一次；旧的特征库会漏掉新的恶意软件家族。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const scan = snapshot.facts.clamav;
    if (!scan) return;
    const database = databaseLine(scan);
    for (const d of scan.detections) {
      const family = signatureSeverity(d.signature, intel.clamav.signatureSeverity);
      const severity: Severity = family?.severity ?? 'high';
      report({
        messageId: 'detected',
        severity,
        data: {
          signature: d.signature,
          path: d.path,
          name: d.path.slice(d.path.lastIndexOf('/') + 1),
          family: family
            ? localized(family.description, family.zh)
            : localized('Any ClamAV detection not named below', '未单独列出的 ClamAV 检出'),
        },
        path: d.path,
        ...(d.mtime ? { time: d.mtime } : {}),
        evidence: [
          phrase('file.path', { path: d.path }),
          localized(
            `ClamAV signature: "${d.signature}"${family ? ` (family ${family.id}: ${severity})` : ''}`,
            `ClamAV 特征："${d.signature}"${family ? `（类别 ${family.id}：${severityName('zh-CN', severity)}）` : ''}`,
          ),
          localized(`scanned with ${database.en}`, `所用特征库：${database.zh}`),
          ...(d.size !== null
            ? [
                localized(
                  `size: ${d.size} bytes${d.mtime ? `, modified: ${d.mtime}` : ''}`,
                  `大小：${d.size} 字节${d.mtime ? `，修改时间：${d.mtime}` : ''}`,
                ),
              ]
            : []),
        ],
      });
    }
    report({
      messageId: 'scanned',
      severity: 'info',
      data: { count: scan.filesScanned, detections: scan.detections.length, database: scan.version },
      evidence: [
        localized(database.en, database.zh),
        localized(
          `files given to ClamAV: ${scan.filesListed}, scanned: ${scan.filesScanned}, detections: ${scan.detections.length}, ${scan.ms} ms`,
          `交给 ClamAV 的文件：${scan.filesListed}，已扫描：${scan.filesScanned}，检出：${scan.detections.length}，用时 ${scan.ms} 毫秒`,
        ),
      ],
    });
  },
});
