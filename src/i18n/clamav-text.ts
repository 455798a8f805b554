// Chinese wording of what --clamav adds: its gap reasons (the shape of the gap-reason templates:
// an English pattern and its Chinese with $n parts carried over) and the help of its flags.
// Both tables are meant to be spread into the shared gap-reason and --help tables.

export interface ClamavReasonTemplate {
  en: RegExp;
  'zh-CN': string;
}

export const CLAMAV_GAP_REASONS: ClamavReasonTemplate[] = [
  {
    en: /^ClamAV \((clamd|clamscan)\) stopped at its time budget of (\d+) s: (\d+) file\(s\) were not scanned by ClamAV$/,
    'zh-CN': 'ClamAV（$1）在 $2 秒的时间上限处停止：$3 个文件未经 ClamAV 扫描',
  },
  {
    en: /^(\d+) file\(s\) not scanned by ClamAV \((clamd|clamscan)\): file name contains a newline$/,
    'zh-CN': '$1 个文件未经 ClamAV（$2）扫描：文件名包含换行符',
  },
  {
    en: /^(\d+) file\(s\) not scanned by ClamAV \((clamd|clamscan)\): cannot access the file$/,
    'zh-CN': '$1 个文件未经 ClamAV（$2）扫描：无法访问该文件',
  },
  {
    en: /^(\d+) file\(s\) not scanned by ClamAV \(clamd\): larger than clamd's StreamMaxLength \(clamd\.conf\)$/,
    'zh-CN': '$1 个文件未经 ClamAV（clamd）扫描：超过 clamd 的 StreamMaxLength 上限（clamd.conf）',
  },
  { en: /^(\d+) file\(s\) not scanned by ClamAV \((clamd|clamscan)\): (.*)$/s, 'zh-CN': '$1 个文件未经 ClamAV（$2）扫描：$3' },
  { en: /^ClamAV \(clamscan\) failed \(exit (\d+)\): (.*)$/s, 'zh-CN': 'ClamAV（clamscan）执行失败（退出码 $1）：$2' },
  { en: /^ClamAV \(clamscan\) failed: (.*)$/s, 'zh-CN': 'ClamAV（clamscan）执行失败：$1' },
  {
    en: /^ClamAV not run: signature directory (.*) does not exist$/s,
    'zh-CN': '未运行 ClamAV：特征库目录 $1 不存在',
  },
  {
    en: /^ClamAV not run: clamd at (.*) did not answer \((.*)\) and clamscan is not installed$/s,
    'zh-CN': '未运行 ClamAV：位于 $1 的 clamd 没有响应（$2），且未安装 clamscan',
  },
  { en: /^ClamAV not run: clamd at (.*) did not answer \((.*)\)$/s, 'zh-CN': '未运行 ClamAV：位于 $1 的 clamd 没有响应（$2）' },
  {
    en: /^ClamAV not run: neither a clamd socket nor clamscan was found \(install clamav\)$/,
    'zh-CN': '未运行 ClamAV：既没有找到 clamd 套接字，也没有找到 clamscan（请安装 clamav）',
  },
];

/** The Chinese reason for a ClamAV gap, or null when the reason is not one of ours. */
export function clamavGapReasonZh(reason: string): string | null {
  for (const t of CLAMAV_GAP_REASONS) {
    const m = t.en.exec(reason);
    if (m) return t['zh-CN'].replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return null;
}

/** Chinese --help wording of the ClamAV flags, keyed by their English description. */
export const CLAMAV_HELP_ZH: Record<string, string> = {
  'also scan the files the content scan reads with ClamAV (a running clamd, else clamscan) and report its detections':
    '同时用 ClamAV（优先使用运行中的 clamd，否则用 clamscan）扫描内容扫描读取的文件，并报告其检出结果',
  'ClamAV signature directory for clamscan (-d), e.g. for an offline scan; implies --clamav':
    'clamscan 使用的 ClamAV 特征库目录（-d），例如用于离线扫描；隐含 --clamav',
  'the clamd socket to use (default: LocalSocket from clamd.conf); implies --clamav':
    '要使用的 clamd 套接字（默认取 clamd.conf 中的 LocalSocket）；隐含 --clamav',
  'time budget for ClamAV (default 600); files not scanned in time are reported as a gap':
    'ClamAV 的时间上限（秒，默认 600）；未能及时扫描的文件作为盲区报告',
};
