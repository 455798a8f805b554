import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'rootkit/hidden-port',
    category: 'rootkit',
    severity: 'high',
    attack: ['T1014', 'T1205'],
    status: 'experimental',
    description:
      "A TCP or UDP port that bind() reports in use, twice, while no /proc/net table of the scanner's network namespace lists a socket on it, on two reads: a rootkit filtering the socket tables (and so netstat and ss -p) to hide a backdoor or miner connection.",
    falsePositives: [
      'A TCP socket that was bound but never listened on or connected (rare: some daemons bind early and listen later) is not in /proc/net/tcp.',
    ],
    references: ['https://attack.mitre.org/techniques/T1014/', 'https://www.unhide-forensics.info/'],
    uses: ['hiddenPorts'],
    messages: {
      hidden: {
        en: {
          title: 'Hidden {proto} port {port}: in use, but missing from the socket tables',
          detail:
            'Binding {family} port {port} fails with "address in use", yet /proc/net/{proto} lists no socket on it, on two checks. The tables netstat and ss read are being filtered, typically to hide a backdoor listener or a bind shell.',
          action:
            'Do not trust netstat/ss here. Check from outside: nmap -p {port} <this host> from another machine, and capture traffic (tcpdump -ni any port {port}). Then look for the hider: cat /etc/ld.so.preload, the hidden-process and kernel-module findings of this scan.',
        },
        'zh-CN': {
          title: '隐藏的 {proto} 端口 {port}：正在被占用，但连接表中没有',
          detail:
            '绑定 {family} 端口 {port} 时返回“地址已被占用”，但两次检查中 /proc/net/{proto} 都没有列出该端口上的套接字。netstat 和 ss 读取的连接表被过滤了，通常是为了隐藏后门监听或绑定 shell。',
          action:
            '不要再信任本机的 netstat/ss。从外部核实：在另一台机器上 nmap -p {port} <本机>，并抓包（tcpdump -ni any port {port}）。再找出隐藏者：cat /etc/ld.so.preload，以及本次扫描中的隐藏进程和内核模块结果。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const h = snapshot.facts.hiddenPorts;
    for (const p of h?.hidden ?? []) {
      report({
        messageId: 'hidden',
        data: { proto: p.proto, port: p.port, family: p.family },
        evidence: [
          phrase('port.bindBusy', {
            addr: `${p.family === 'tcp4' || p.family === 'udp4' ? '0.0.0.0' : '[::]'}:${p.port}`,
            family: p.family,
          }),
          phrase('port.notListed', { proto: p.proto, port: p.port, table: `/proc/self/net/${p.proto}{,6}` }),
        ],
      });
    }
  },
});
