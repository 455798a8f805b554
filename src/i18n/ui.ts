import type { Lang } from './lang';

// Words of the command-line interface itself (rule texts live with each rule).
const UI = {
  en: {
    scanOf: 'hostsweep scan of {host} ({target})',
    live: 'live system',
    image: 'offline image at {root}',
    clean: 'No findings at or above {floor}.',
    findings: '{count} findings',
    findingsOne: '1 finding',
    why: 'Why',
    todo: 'Do',
    evidence: 'Seen',
    chain: 'Process chain',
    started: 'started',
    topCpu: 'Top CPU (over {window} ms)',
    topSenders: 'Top senders ({method})',
    gaps: '{count} things could not be examined (see --json "gaps"): {examples}',
    gapsOne: '1 thing could not be examined (see --json "gaps"): {examples}',
    suppressed: '{count} findings suppressed by the allow-list',
    suppressedOne: '1 finding suppressed by the allow-list',
    skipped: '{count} rules not run for lack of data (live-only rules offline, flood rule without a sampling window): {rules}',
    skippedOne: '1 rule not run for lack of data (live-only rules offline, flood rule without a sampling window): {rules}',
    summary: 'critical {critical}, high {high}, medium {medium}, low {low}, info {info} — {ms} ms',
    progressCollect: 'Reading /proc, /etc and /var…',
    progressSample: 'Sampling CPU and network…',
    progressAnalyze: 'Analysing…',
    hidden: '{count} more below {floor} (use --min-severity {severity} to show)',
    hiddenOne: '1 more below {floor} (use --min-severity {severity} to show)',
    unknownHost: 'unknown host',
    groupMore: '… and {count} more (all {total} in --json)',
    groupMoreOne: '… and 1 more (all {total} in --json)',
    groupTitle: '{title} (and {count} more like it)',
    groupTitleOne: '{title} (and 1 more like it)',
  },
  'zh-CN': {
    scanOf: 'hostsweep 扫描 {host}（{target}）',
    live: '在线系统',
    image: '离线镜像 {root}',
    clean: '没有{floor}及以上级别的发现。',
    findings: '共 {count} 项发现',
    why: '原因',
    todo: '处置',
    evidence: '证据',
    chain: '进程链',
    started: '启动于',
    topCpu: 'CPU 占用最高（{window} 毫秒采样）',
    topSenders: '发送流量最多（{method}）',
    gaps: '有 {count} 处无法检查（见 --json 的 "gaps"）：{examples}',
    suppressed: '{count} 项发现被白名单抑制',
    skipped: '{count} 条规则因缺少数据未运行（离线时的在线规则，或未采样时的流量规则）：{rules}',
    summary: '严重 {critical}，高 {high}，中 {medium}，低 {low}，信息 {info} — {ms} 毫秒',
    progressCollect: '正在读取 /proc、/etc 和 /var…',
    progressSample: '正在采样 CPU 和网络…',
    progressAnalyze: '正在分析…',
    hidden: '另有 {count} 项低于{floor}级别（使用 --min-severity {severity} 查看）',
    unknownHost: '未知主机',
    groupMore: '…… 另有 {count} 项（全部 {total} 项见 --json）',
    groupTitle: '{title}（另有 {count} 项同类）',
  },
} satisfies { en: Record<string, string>; 'zh-CN': Record<string, string> };

export type UiKey = keyof (typeof UI)['zh-CN'];

export function ui(lang: Lang, key: UiKey): string {
  return UI[lang][key];
}

/** The wording for a count: English says "1 finding", not "1 findings"; Chinese has one form. */
export function uiCount(lang: Lang, key: UiKey, count: number): string {
  const one = `${key}One` as keyof (typeof UI)['en'];
  return lang === 'en' && count === 1 && one in UI.en ? UI.en[one] : UI[lang][key];
}

const SEVERITY_NAMES: Record<Lang, Record<string, string>> = {
  en: { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' },
  'zh-CN': { critical: '严重', high: '高危', medium: '中危', low: '低危', info: '信息' },
};

export function severityName(lang: Lang, s: string): string {
  return SEVERITY_NAMES[lang][s] ?? s;
}
