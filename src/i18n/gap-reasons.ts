import { CLAMAV_GAP_REASONS } from './clamav-text';
import type { Lang } from './lang';

// What collectors could not read is recorded in English (the JSON "gaps" and the snapshot keep
// that wording, which scripts match on). The terminal shows each reason in the user's language:
// every reason a collector writes has a template here, with {n}-style parts carried over.

interface ReasonTemplate {
  en: RegExp;
  'zh-CN': string;
}

/** An errno code or short failure word, as collectors record it. */
const ERRNO = '([A-Z][A-Z0-9_]+|unreadable|unreadable directory|unparseable stat)';

const REASONS: ReasonTemplate[] = [
  ...CLAMAV_GAP_REASONS,
  { en: /^journal not read: not a journal file \(bad signature\)$/, 'zh-CN': '日志未读取：不是 systemd 日志文件（签名不符）' },
  {
    en: /^journal not read: too short for a journal header \((\d+) bytes\)$/,
    'zh-CN': '日志未读取：不足一个 systemd 日志文件头（$1 字节）',
  },
  { en: /^journal not read: implausible header size (\d+)$/, 'zh-CN': '日志未读取：文件头大小 $1 不合理' },
  { en: /^journal not read: (\d+) MiB is over the (\d+) MiB budget$/, 'zh-CN': '日志未读取：$1 MiB 超出 $2 MiB 的读取上限' },
  {
    en: /^journal (cut off|corrupt object at offset \d+|unreadable object at offset \d+): read (\d+) entries up to byte (\d+) of (\d+); the rest of the file was not examined$/,
    'zh-CN': '日志损坏（$1）：读取了 $2 条记录，到第 $3 字节（共 $4 字节）；其余部分未检查',
  },
  { en: /^skipped: journal byte budget spent on newer files$/, 'zh-CN': '已跳过：读取上限已用于较新的日志文件' },
  { en: /^skipped: journal time budget spent on newer files$/, 'zh-CN': '已跳过：时间上限已用于较新的日志文件' },
  { en: /^unreadable journal file$/, 'zh-CN': '日志文件无法读取' },
  { en: /^(\d+) XZ-compressed journal field\(s\) not decoded$/, 'zh-CN': '$1 个 XZ 压缩的日志字段未解码' },
  { en: /^(\d+) compressed journal field\(s\) corrupt \((.*)\)$/s, 'zh-CN': '$1 个压缩的日志字段已损坏（$2）' },
  {
    en: /^journal uses unknown format flags (0x[0-9a-f]+); entries may be misread$/,
    'zh-CN': '日志使用了未知的格式标志 $1；记录可能被误读',
  },
  { en: /^not read: (\d+) MiB is over the (\d+) MiB budget$/, 'zh-CN': '未读取：$1 MiB 超出 $2 MiB 的读取上限' },
  { en: /^not read as SQLite: file is not a database$/, 'zh-CN': '未能作为 SQLite 读取：文件不是数据库' },
  { en: /^not read as SQLite: no such table: (\S+)$/, 'zh-CN': '未能作为 SQLite 读取：没有 $1 表' },
  { en: /^not read as SQLite: (.*)$/s, 'zh-CN': '未能作为 SQLite 读取：$1' },
  { en: /^only the oldest (\d+) records read$/, 'zh-CN': '只读取了最早的 $1 条记录' },
  { en: /^file is not a database: package history not read$/, 'zh-CN': '文件不是数据库：未读取软件包历史' },
  { en: /^(.*): package history not read$/s, 'zh-CN': '$1：未读取软件包历史' },
  {
    en: /^line (\d+) is (\d+) characters long: only its first and last (\d+) were examined$/,
    'zh-CN': '第 $1 行长 $2 个字符：只检查了开头和结尾各 $3 个',
  },
  { en: /^not available on an offline image \(needs a running system\)$/, 'zh-CN': '离线镜像上无法获取（需要运行中的系统）' },
  { en: /^collector failed: (.*)$/s, 'zh-CN': '采集器出错：$1' },
  { en: /^exited during scan$/, 'zh-CN': '扫描期间进程已退出' },
  { en: /^unreadable$/, 'zh-CN': '无法读取' },
  { en: /^unreadable directory$/, 'zh-CN': '目录无法读取' },
  { en: /^unparseable stat$/, 'zh-CN': 'stat 内容无法解析' },
  { en: /^not a regular file$/, 'zh-CN': '不是普通文件' },
  { en: /^module tree too large: walk stopped$/, 'zh-CN': '模块目录树过大：已停止遍历' },
  { en: /^no module files for the running kernel: module origins not checked$/, 'zh-CN': '没有运行中内核的模块文件：未检查模块来源' },
  { en: /^packed-executable check limit reached$/, 'zh-CN': '已达到加壳程序检查数量上限' },
  { en: /^socket tables unreadable: hidden ports not checked$/, 'zh-CN': '套接字表无法读取：未检查隐藏端口' },
  { en: /^bind probe failed: (.*)$/s, 'zh-CN': '端口绑定探测失败：$1' },
  { en: /^signal sweep failed: (.*)$/s, 'zh-CN': '信号扫描失败：$1' },
  {
    en: /^\/proc belongs to another PID namespace than the scanner: signal sweep skipped$/,
    'zh-CN': '/proc 属于与扫描器不同的 PID 命名空间：已跳过信号扫描',
  },
  { en: new RegExp(`^symlink to (.*) does not resolve \\(${ERRNO}\\)$`, 's'), 'zh-CN': '指向 $1 的符号链接无法解析（$2）' },
  { en: /^(\d+) entries; only the first (\d+) (?:were )?examined$/, 'zh-CN': '共 $1 项，只检查了前 $2 项' },
  { en: /^unit file of (\d+) bytes; only the first (\d+) parsed$/, 'zh-CN': '单元文件有 $1 字节，只解析了前 $2 字节' },
  { en: /^more than (\d+) entries below it; the rest was not examined$/, 'zh-CN': '其下超过 $1 项，其余未检查' },
  { en: /^file name contains a newline$/, 'zh-CN': '文件名包含换行符' },
  { en: /^file name is not valid UTF-8: not examined$/, 'zh-CN': '文件名不是有效的 UTF-8：未检查' },
  { en: /^more than (\d+) files to identify; the rest were not opened$/, 'zh-CN': '待识别的文件超过 $1 个，其余未打开' },
  { en: /^path contains a newline: attributes not read$/, 'zh-CN': '路径包含换行符：未读取属性' },
  { en: /^lsattr could not read attributes of (\d+) file\(s\): (.*)$/s, 'zh-CN': 'lsattr 无法读取 $1 个文件的属性：$2' },
  {
    en: /^lsattr \(e2fsprogs\) is not installed: immutable and append-only attributes were not checked$/,
    'zh-CN': '未安装 lsattr（e2fsprogs）：未检查 immutable 和 append-only 属性',
  },
  { en: /^lsattr failed: (.*)$/s, 'zh-CN': 'lsattr 执行失败：$1' },
  {
    en: /^rpm database not supported yet: system binaries were not verified against the package database$/,
    'zh-CN': '暂不支持 rpm 数据库：系统程序未与软件包数据库核对',
  },
  { en: /^rpm database not supported yet: package ownership unknown$/, 'zh-CN': '暂不支持 rpm 数据库：软件包归属未知' },
  { en: new RegExp(`^${ERRNO}: not verified against (.*)$`, 's'), 'zh-CN': '$1：未与 $2 核对' },
  { en: /^only the first (\d+) MiB read$/, 'zh-CN': '只读取了前 $1 MiB' },
  { en: /^only the newest (\d+) of (\d+) lines read$/, 'zh-CN': '$2 行中只读取了最新的 $1 行' },
  { en: /^only the newest (\d+) MiB of (\d+) MiB read$/, 'zh-CN': '$2 MiB 中只读取了最新的 $1 MiB' },
  {
    en: /^wtmpdb \(Debian 13\+\) login database is not parsed yet: run `wtmpdb last`$/,
    'zh-CN': '暂不解析 wtmpdb（Debian 13+）登录数据库：请运行 `wtmpdb last`',
  },
  { en: /^skipped: auth log byte budget spent on newer files$/, 'zh-CN': '已跳过：认证日志的读取预算已用于较新的文件' },
  {
    en: /^no text auth log \(auth\.log\/secure\); systemd journal files are not parsed yet: run `journalctl -u ssh -u sshd` to review SSH logins$/,
    'zh-CN': '没有文本认证日志（auth.log/secure）；暂不解析 systemd 日志文件：请运行 `journalctl -u ssh -u sshd` 查看 SSH 登录',
  },
  { en: /^stopped after (\d+) entries$/, 'zh-CN': '检查 $1 项后停止' },
  { en: /^not decompressed: (.*)$/s, 'zh-CN': '未解压：$1' },
  { en: /^[Ii]nclude nesting too deep or too many files; not read$/, 'zh-CN': 'Include 嵌套过深或文件过多；未读取' },
  {
    en: new RegExp(`^${ERRNO}: empty passwords and password changes cannot be checked$`),
    'zh-CN': '$1：无法检查空密码和密码修改',
  },
  {
    en: /^(\d+) very long command lines were checked only in their first 1024 characters \(time budget spent\)$/,
    'zh-CN': '$1 条超长命令行只检查了前 1024 个字符（时间预算已用完）',
  },
  // --- content scan (collect/content)
  {
    en: /^(\d+) file\(s\) larger than (\d+) bytes not content-scanned \(size budget\)$/,
    'zh-CN': '$1 个大于 $2 字节的文件未做内容扫描（单个文件大小上限）',
  },
  {
    en: /^(\d+) FIFO\(s\) or device file\(s\) not content-scanned: not regular files$/,
    'zh-CN': '$1 个 FIFO 或设备文件未做内容扫描：不是普通文件',
  },
  {
    en: /^content scan stopped at the time budget of (\d+) ms: this file and those after it were not content-scanned$/,
    'zh-CN': '内容扫描在 $1 毫秒的时间上限处停止：此文件及其后的文件未做内容扫描',
  },
  {
    en: /^content scan stopped at the byte budget of (\d+) bytes: this file and those after it were not content-scanned$/,
    'zh-CN': '内容扫描在 $1 字节的读取上限处停止：此文件及其后的文件未做内容扫描',
  },
  {
    en: /^content scan stopped at the file budget of (\d+) files: this file and those after it were not content-scanned$/,
    'zh-CN': '内容扫描在 $1 个文件的数量上限处停止：此文件及其后的文件未做内容扫描',
  },
  {
    en: /^content rules not evaluated: YARA-X binding (\S+) could not load \((.*)\)$/s,
    'zh-CN': '未执行内容规则：无法加载 YARA-X 绑定 $1（$2）',
  },
  // A bare errno code (ENOENT, EACCES, ELOOP…) is the same in every language.
  { en: /^([A-Z][A-Z0-9_]+)$/, 'zh-CN': '$1' },
];

/** A gap reason in `lang`; a reason without a template is shown as recorded. */
export function gapReason(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  for (const t of REASONS) {
    const m = t.en.exec(reason);
    if (m) return t[lang].replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return reason;
}

/** Every template, for the test that keeps collectors and this list in step. */
export const GAP_REASON_PATTERNS: readonly RegExp[] = REASONS.map((r) => r.en);
