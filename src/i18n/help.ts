import { type Command, Help } from 'commander';
import { detectLang, type Lang } from './lang';

// --help in the user's language. Command and option descriptions are written in English where
// the command is defined; this table gives each its Chinese wording (test/cli-help.test.ts fails
// on a description without one), and commander's own words are translated alongside.

const ZH: Record<string, string> = {
  // commander
  // Commander puts a space after a title: an ASCII colon reads right before it.
  'Usage:': '用法:',
  'Options:': '选项:',
  'Commands:': '命令:',
  'Arguments:': '参数:',
  'Global Options:': '全局选项:',
  'display help for command': '显示命令帮助',
  'output the version number': '显示版本号',
  // hostsweep
  'Find, contain, remove and report what an attacker left on a Linux server': '查找、遏制、清除并报告攻击者在 Linux 服务器上留下的一切',
  'Scan the live machine, or a mounted disk with --root, for what an attacker left':
    '扫描运行中的本机，或用 --root 扫描挂载的磁盘，找出攻击者留下的东西',
  'Judge a snapshot saved with "scan --snapshot" (collect on the victim, analyse on a trusted machine)':
    '研判用“scan --snapshot”保存的快照（在受害主机上采集，在可信机器上分析）',
  'List the detection rules with severity, ATT&CK techniques and description': '列出检测规则及其严重级别、ATT&CK 技术编号和说明',
  'snapshot JSON file': '快照 JSON 文件',
  'print the versioned JSON scan document': '输出带版本号的 JSON 扫描文档',
  'also write the JSON scan document to a file': '同时把 JSON 扫描文档写入文件',
  'language of messages': '消息语言',
  'language of titles': '标题语言',
  'exit 1 when a finding is at or above this': '存在该级别及以上的发现时以 1 退出',
  'show findings at or above this in the terminal': '终端中显示该级别及以上的发现',
  'extra indicator file (YAML/JSON), repeatable': '额外的威胁指标文件（YAML/JSON），可重复指定',
  'allow-list of site exceptions (YAML)': '本站点例外的白名单（YAML）',
  'reference time for "recent" (default: now live, newest file time offline)':
    '判断“近期”的参考时间（默认：在线为当前时间，离线为最新的文件时间）',
  'changes at or after this are "recent" (default: a week before --now)': '此时间及之后的变化算作“近期”（默认：--now 之前一周）',
  'no colours even on a terminal': '即使在终端中也不使用颜色',
  'examine an offline root (mounted disk or image) instead of the live system': '检查离线根目录（挂载的磁盘或镜像），而不是运行中的系统',
  'CPU and network sampling window': 'CPU 和网络采样时长',
  'slower, more thorough checks: probe all 65535 ports for hidden listeners (~5 s)':
    '更慢、更彻底的检查：探测全部 65535 个端口以发现隐藏的监听（约 5 秒）',
  'do not use kernel tracefs for per-process egress (estimate instead)': '不使用内核 tracefs 统计各进程出站流量（改为估算）',
  'write the collected facts (JSON) for later analysis with "hostsweep analyze"':
    '写出采集到的事实（JSON），供之后用“hostsweep analyze”分析',
  'copy the executables of processes flagged medium or above (with sha256) into this directory':
    '把被标为中危及以上的进程的可执行文件（附 sha256）复制到此目录',
  'print rule metadata as JSON': '以 JSON 输出规则元数据',
};

/** The Chinese wording of a help text, or null when the table has none. */
export function helpZh(text: string): string | null {
  return ZH[text] ?? null;
}

/** A description as commander shows it, "(default: …)" and "(choices: …)" included, in Chinese. */
function zhDescription(text: string): string {
  let out = text;
  for (const [en, zh] of Object.entries(ZH)) {
    if (out === en || out.startsWith(`${en} (`)) {
      out = zh + out.slice(en.length);
      break;
    }
  }
  return out
    .replace(/ \(default: (.*?)\)/g, '（默认：$1）')
    .replace(
      / \(choices: (.*?)(?:, default: (.*?))?\)$/g,
      (_, choices: string, def?: string) => `（可选：${choices}${def ? `；默认：${def}` : ''}）`,
    );
}

/** --lang on the command line (either spelling), else the locale of the environment. */
export function helpLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const explicit = i < 0 ? undefined : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : argv[i + 1];
  return detectLang(explicit, env);
}

/** Makes the help of `cmd` and every subcommand speak `lang`. */
export function localizeHelp(cmd: Command, lang: Lang): Command {
  if (lang === 'zh-CN') {
    const base = new Help();
    cmd.configureHelp({
      styleTitle: (t) => base.styleTitle(ZH[t] ?? t),
      styleCommandDescription: (t) => base.styleCommandDescription(zhDescription(t)),
      styleOptionDescription: (t) => base.styleOptionDescription(zhDescription(t)),
      styleSubcommandDescription: (t) => base.styleSubcommandDescription(zhDescription(t)),
      styleArgumentDescription: (t) => base.styleArgumentDescription(zhDescription(t)),
    });
  }
  for (const sub of cmd.commands) localizeHelp(sub, lang);
  return cmd;
}
