import { type Command, Help } from 'commander';
import { CLAMAV_HELP_ZH } from './clamav-text';
import type { Lang } from './lang';

// --help in the user's language. Command and option descriptions are written in English where
// the command is defined; this table gives each its Chinese wording (test/cli-help.test.ts fails
// on a description without one), and commander's own words are translated alongside.

const ZH: Record<string, string> = {
  ...CLAMAV_HELP_ZH,
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
  // Before its prefix 'language of messages': the first key a description starts with wins.
  'language of messages (en, zh-CN)': '消息语言（en、zh-CN）',
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
  // collect, contain, clean, undo, runs, report, harden
  'examine an offline root (mounted disk or image) instead of the live system; it must have etc/ and usr/ or bin/ unless --force':
    '检查离线根目录（挂载的磁盘或镜像），而不是运行中的系统；除非加 --force，其中须有 etc/ 以及 usr/ 或 bin/',
  'copy the executables of processes flagged medium or above (with sha256, each program once, 2 GiB in all) into this directory; a new run-<time> subdirectory when it is not empty':
    '把被标为中危及以上的进程的可执行文件（附 sha256，每个程序只复制一次，总计不超过 2 GiB）复制到此目录；目录非空时新建 run-<time> 子目录',
  'replace an existing --output or --snapshot file (never through a symlink); scan a --root that does not look like a Linux root':
    '覆盖已存在的 --output 或 --snapshot 文件（绝不经由符号链接）；即使 --root 看起来不像 Linux 根目录也照常扫描',
  'Write one evidence archive (scan, volatile state, flagged files and executables, logs, SHA-256 manifest) before anything changes':
    '在做任何改动之前写出一份证据归档（扫描结果、易失状态、可疑文件和可执行文件、日志、SHA-256 清单）',
  'collect from an offline root (mounted disk) instead of the live system': '从离线根目录（挂载的磁盘）采集，而不是运行中的系统',
  'archive to write (.tar.gz)': '要写入的归档文件（.tar.gz）',
  'replace the output file if it exists': '输出文件已存在时覆盖',
  'CPU and network sampling window of the scan (live)': '在线扫描时的 CPU 和网络采样时长',
  'also evaluate your own YARA rules: every .yar/.yara file in this directory (repeatable); a rule that does not compile stops the scan':
    '同时执行你自己的 YARA 规则：该目录中的每个 .yar/.yara 文件（可重复指定）；有规则无法编译时扫描会停止',
  'Stop the damage and keep the evidence: limit egress, block addresses, isolate, freeze processes, end sessions, lock accounts':
    '止损并保全证据：限制出站流量、封禁地址、隔离主机、冻结进程、结束会话、锁定账户',
  'cap outbound traffic, e.g. 10mbit, 500kbit, 1MB/s (kept ports stay unlimited)':
    '限制出站流量，如 10mbit、500kbit、1MB/s（保留端口不限速）',
  'TCP port that stays open and unlimited (default: your SSH session’s port, else 22); repeatable':
    '保持开放且不限速的 TCP 端口（默认：当前 SSH 会话的端口，否则为 22）；可重复指定',
  'address that stays reachable with --isolate (default: your SSH client’s address); repeatable':
    '使用 --isolate 时仍可访问的地址（默认：当前 SSH 客户端的地址）；可重复指定',
  'drop traffic from and to this IPv4/IPv6 address or network; repeatable': '丢弃来自和发往此 IPv4/IPv6 地址或网段的流量；可重复指定',
  'drop everything except loopback and the management path (kept ports and addresses)':
    '除回环和管理通道（保留的端口和地址）外，丢弃所有流量',
  'SIGSTOP the process, its descendants and the ancestors that could respawn it; repeatable':
    '用 SIGSTOP 暂停该进程、其子孙进程以及可能重新拉起它的祖先进程；可重复指定',
  'freeze, then kill the session on this terminal (e.g. pts/3); repeatable': '先冻结、再结束此终端（如 pts/3）上的会话；可重复指定',
  'freeze, then kill every terminal session of this user; repeatable': '先冻结、再结束此用户的所有终端会话；可重复指定',
  'lock the account (no password or key login); undoable; repeatable': '锁定该账户（禁止密码或密钥登录）；可撤销；可重复指定',
  'firewall backend': '防火墙后端',
  'show what hostsweep’s containment rules have dropped so far, and change nothing':
    '显示 hostsweep 的遏制规则至今丢弃了哪些流量，不做任何改动',
  'apply the plan (without it: a dry run that only prints the plan)': '执行计划（不加此项则为演练，只打印计划）',
  'do not collect evidence before applying': '执行前不采集证据',
  'where the evidence archive goes (default: <state>/collect/<time>.tar.gz)': '证据归档的存放位置（默认：<state>/collect/<time>.tar.gz）',
  'where the journal and quarantine live (0700; outside the target for --root)':
    '日志和隔离区的存放位置（权限 0700；使用 --root 时位于目标之外）',
  'Remove the footholds a scan finds (dry run unless --yes); every change is journaled and undoable':
    '清除扫描发现的驻留点（不加 --yes 时为演练）；每项改动都记入日志，可撤销',
  'clean an offline root (mounted disk) instead of the live system; nothing outside it is touched':
    '清理离线根目录（挂载的磁盘），而不是运行中的系统；不会改动其外的任何内容',
  'apply the plan (without it: print the plan and change nothing)': '执行计划（不加此项则只打印计划，不做任何改动）',
  'also act on package-owned files: replace trojaned package files with verified genuine copies':
    '同时处理软件包自带的文件：用校验过的正版文件替换被植入木马的包文件',
  'plan from a saved scan document instead of a fresh scan': '根据保存的扫描文档制定计划，而不是重新扫描',
  'directory of genuine .deb packages for replacing trojaned package files (with --force)':
    '正版 .deb 软件包所在目录，用于替换被植入木马的包文件（需配合 --force）',
  'act on findings at or above this': '处理该级别及以上的发现',
  'act only on findings of this rule ("process/*" for a family), repeatable':
    '只处理此规则的发现（"process/*" 表示整个规则族），可重复指定',
  'after cleaning, check again every SECONDS and clean what comes back (until Ctrl-C)':
    '清理后每隔 SECONDS 秒再检查一次，清理重新出现的内容（直到按 Ctrl-C）',
  'with --watch: stop after N checks': '配合 --watch：检查指定次数后停止',
  'Undo a run of clean, contain or harden (default: the last run against this target)':
    '撤销一次“clean”“contain”或“harden”运行（默认：针对此目标的最近一次运行）',
  'the offline root the run changed (where the disk is mounted now)': '该次运行所改动的离线根目录（磁盘现在的挂载位置）',
  'run id, as "hostsweep runs" lists it': '运行 ID，即“hostsweep runs”列出的编号',
  'List the runs of clean, contain and harden, with what each applied and undid':
    '列出“clean”“contain”和“harden”的运行记录，以及每次执行和撤销的内容',
  'print JSON': '输出 JSON',
  'Write the incident report: what happened, the timeline, the entry point, every finding, actions taken, what remains':
    '撰写事件报告：事件经过、时间线、入侵入口、所有发现、已采取的措施、遗留问题',
  'scan an offline root (mounted disk or image)': '扫描离线根目录（挂载的磁盘或镜像）',
  'report on a saved scan document (scan --json -o) or snapshot (scan --snapshot) instead of scanning':
    '基于保存的扫描文档（scan --json -o）或快照（scan --snapshot）出报告，而不是重新扫描',
  'with --from SCAN.json: the snapshot of the same scan, for the full timeline':
    '配合 --from SCAN.json：同一次扫描的快照，用于生成完整时间线',
  'report format': '报告格式',
  'write the report to this file instead of standard output': '把报告写入此文件，而不是标准输出',
  'replace an existing output file': '覆盖已存在的输出文件',
  'language of the report': '报告语言',
  'state directory holding the journal of contain/clean/harden runs': '存放 contain/clean/harden 运行日志的状态目录',
  'Audit the door attackers come in through (sshd, fail2ban, firewall, exposed services, accounts, updates, auditd); --apply fixes the safe subset':
    '审计攻击者的入口（sshd、fail2ban、防火墙、暴露的服务、账户、更新、auditd）；--apply 修复其中安全的部分',
  'audit (and with --apply, change) an offline root instead of the live system':
    '审计离线根目录（加 --apply 时还会修改），而不是运行中的系统',
  'plan the safe fixes (sshd_config settings that cannot lock you out); a dry run unless --yes':
    '规划安全的修复项（不会把你锁在外面的 sshd_config 设置）；不加 --yes 时为演练',
  'with --apply: apply the plan; every change is journaled and "hostsweep undo" reverts it':
    '配合 --apply：执行计划；每项改动都记入日志，可用“hostsweep undo”还原',
  'print the checks as JSON': '以 JSON 输出检查结果',
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
