import type { Text } from '../respond/action';
import { format, type Lang } from './lang';

// Words of `hostsweep contain`: what each containment action changes and how it is undone.
const CONTAIN_UI = {
  en: {
    egressSummary: 'Limit traffic leaving this host to {rate} ({backend}); TCP port {ports} stays unlimited in both directions',
    egressUndo: 'remove hostsweep’s {what}; traffic flows at full speed again',
    blockSummary: 'Drop all traffic from and to {addrs} ({backend})',
    blockUndo: 'remove hostsweep’s {what}; the addresses are reachable again',
    isolateSummary: 'Isolate this host ({backend}): drop everything except loopback, TCP port {ports}{addrs}',
    isolateAddrs: ' and {addrs}',
    isolateUndo: 'remove hostsweep’s {what}; all traffic flows again',
    nftWhat: 'chains in nftables table inet hostsweep',
    iptablesWhat: 'HOSTSWEEP-* chains and their jumps',
    tcWhat: 'HTB qdisc on {devices}',
    freezeSummary: 'Freeze (SIGSTOP) PID {pid} ({comm}) with {count} related processes: {list}',
    freezeStopAt: 'ancestors up to PID {pid} ({comm}, {reason}) are left running',
    freezeUndo: 'resume (SIGCONT) the same processes, checked by start time so a reused PID is never signalled',
    frozenNote: 'stopped {count} processes in {ms} ms',
    endSessionSummary: 'End the session on {tty} of {user} (leader PID {pid} {comm}): freeze its {count} processes, then kill them',
    endSessionUndo: 'cannot be undone: the processes are gone (their frozen state is recorded in the journal)',
    lockSummary: 'Lock account {user}: "!" before the password hash and account expired (no password or key login)',
    lockUndo: 'restore the password field and expiry date of {user} in {file} as they were',
    reasonInit: 'PID 1',
    reasonServiceManager: 'service manager',
    reasonOperator: 'your own session',
    reasonKernel: 'kernel',
    noActions: 'Nothing to contain: give --egress-limit, --block, --isolate, --freeze, --end-session, --end-user or --lock-user.',
    backendNote: 'firewall backend: {backend}',
    firewalldNote: 'firewalld is running: hostsweep uses its own table/chains and leaves firewalld’s alone{extra}',
    firewalldIptables: '; a "firewall-cmd --reload" may remove iptables chains — prefer --backend nft',
    ufwNote: 'ufw is active: hostsweep’s chains are jumped to before ufw’s and ufw’s rules are left unchanged',
    statusNone: 'No hostsweep containment rules are in place.',
    statusLine: '{where}: dropped {packets} packets, {bytes} bytes',
    statusLinePackets: '{where}: dropped {packets} packets',
    countersAfter: 'Dropped in the first second (later: hostsweep contain --status):',
    keepNote: 'kept management path: TCP port {ports}{addrs}',
    badRate: 'invalid --egress-limit {value}: use e.g. 10mbit, 500kbit, 1MB/s',
    badPort: 'invalid --keep-port {value}: a TCP port 1-65535',
    badAddr: 'invalid address {value}: an IPv4/IPv6 address or network (CIDR)',
    badPid: 'invalid PID {value}',
    freezeRefused: 'cannot freeze PID {pid}: {why}',
    refuseMissing: 'no such process',
    noSession: 'no session found on {tty}',
    noUserSession: 'no session of user {user}',
    ownSession: 'refusing to end {what}: it is your own session',
    noUser: 'no user {user} in {file}',
    noBackend: 'no usable firewall tool for --backend {backend} (looked in /usr/sbin and /sbin)',
    siteQdisc: '{device} already has a configured root qdisc ({qdisc}); hostsweep will not replace it — use --backend nft',
    statusHint: 'what the rules drop: hostsweep contain --status',
    statusFailed: 'could not read the firewall counters: {error}',
    blockOwn: 'refusing to block {net}: it contains {addr}, the address your SSH session comes from',
  },
  'zh-CN': {
    egressSummary: '将本机出站流量限制为 {rate}（{backend}）；TCP 端口 {ports} 双向不受限制',
    egressUndo: '删除 hostsweep 添加的{what}，流量恢复全速',
    blockSummary: '丢弃来自和发往 {addrs} 的全部流量（{backend}）',
    blockUndo: '删除 hostsweep 添加的{what}，这些地址恢复可达',
    isolateSummary: '隔离本机（{backend}）：除回环、TCP 端口 {ports}{addrs} 外全部丢弃',
    isolateAddrs: ' 和 {addrs}',
    isolateUndo: '删除 hostsweep 添加的{what}，全部流量恢复',
    nftWhat: ' nftables 表 inet hostsweep 中的链',
    iptablesWhat: ' HOSTSWEEP-* 链及其跳转规则',
    tcWhat: '网卡 {devices} 上的 HTB 队列',
    freezeSummary: '冻结（SIGSTOP）进程 {pid}（{comm}）及 {count} 个相关进程：{list}',
    freezeStopAt: '祖先进程到 {pid}（{comm}，{reason}）为止，不予冻结',
    freezeUndo: '恢复（SIGCONT）这些进程；按启动时间核对，绝不误发给复用了同一 PID 的进程',
    frozenNote: '已在 {ms} 毫秒内停止 {count} 个进程',
    endSessionSummary: '结束 {user} 在 {tty} 上的会话（会话首进程 {pid} {comm}）：先冻结其 {count} 个进程，再将其杀死',
    endSessionUndo: '无法撤销：进程已结束（冻结时的状态已记入日志）',
    lockSummary: '锁定账户 {user}：在密码哈希前加 "!" 并设为已过期（密码和密钥都无法登录）',
    lockUndo: '将 {file} 中 {user} 的密码字段和过期日期恢复原样',
    reasonInit: 'PID 1',
    reasonServiceManager: '服务管理进程',
    reasonOperator: '您自己的会话',
    reasonKernel: '内核线程',
    noActions: '没有要执行的隔离措施：请指定 --egress-limit、--block、--isolate、--freeze、--end-session、--end-user 或 --lock-user。',
    backendNote: '防火墙后端：{backend}',
    firewalldNote: 'firewalld 正在运行：hostsweep 只使用自己的表和链，不改动 firewalld 的规则{extra}',
    firewalldIptables: '；执行 "firewall-cmd --reload" 可能删除 iptables 链，建议使用 --backend nft',
    ufwNote: 'ufw 已启用：hostsweep 的链排在 ufw 之前跳转，ufw 的规则保持不变',
    statusNone: '当前没有 hostsweep 的隔离规则。',
    statusLine: '{where}：已丢弃 {packets} 个数据包，{bytes} 字节',
    statusLinePackets: '{where}：已丢弃 {packets} 个数据包',
    countersAfter: '第一秒内丢弃的流量（之后可用 hostsweep contain --status 查看）：',
    keepNote: '保留的管理通道：TCP 端口 {ports}{addrs}',
    badRate: '无效的 --egress-limit {value}：示例 10mbit、500kbit、1MB/s',
    badPort: '无效的 --keep-port {value}：应为 1-65535 的 TCP 端口',
    badAddr: '无效的地址 {value}：应为 IPv4/IPv6 地址或网段（CIDR）',
    badPid: '无效的 PID {value}',
    freezeRefused: '无法冻结进程 {pid}：{why}',
    refuseMissing: '进程不存在',
    noSession: '{tty} 上没有会话',
    noUserSession: '用户 {user} 没有会话',
    ownSession: '拒绝结束{what}：这是您自己的会话',
    noUser: '{file} 中没有用户 {user}',
    noBackend: '找不到 --backend {backend} 可用的防火墙工具（已查找 /usr/sbin 和 /sbin）',
    siteQdisc: '网卡 {device} 已配置根队列（{qdisc}），hostsweep 不会替换它，请使用 --backend nft',
    statusHint: '查看规则丢弃的流量：hostsweep contain --status',
    statusFailed: '无法读取防火墙计数器：{error}',
    blockOwn: '拒绝封禁 {net}：它包含您当前 SSH 会话的来源地址 {addr}',
  },
} satisfies Record<Lang, Record<string, string>>;

export type ContainUiKey = keyof (typeof CONTAIN_UI)['en'];

export function cui(lang: Lang, key: ContainUiKey, data: Record<string, string | number | undefined> = {}): string {
  return format(CONTAIN_UI[lang][key], data);
}

/** The same message in both languages, for plans and journals. */
export function ctext(key: ContainUiKey, data: Record<string, string | number | undefined> = {}): Text {
  return { en: cui('en', key, data), 'zh-CN': cui('zh-CN', key, data) };
}

/** A sentence built per language (when parts of it are themselves translated). */
export function ctextBy(build: (lang: Lang) => string): Text {
  return { en: build('en'), 'zh-CN': build('zh-CN') };
}
