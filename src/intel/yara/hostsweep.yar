// hostsweep's own content rules. Every rule carries: id (the name shown to users), severity
// (info|low|medium|high|critical), attack (comma-separated ATT&CK ids), description (en) and
// zh (zh-CN). Patterns are kept narrow: a benign look-alike of each lives in the tests.

// Patterns named $ctx_* only gate a rule (a PHP open tag); they are never quoted as evidence.
rule miner_config {
  meta:
    id = "miner-config"
    severity = "high"
    attack = "T1496"
    description = "Cryptominer configuration: a stratum pool URL, or miner settings (donate-level, randomx) beside a pool or wallet"
    zh = "挖矿程序配置：包含 stratum 矿池地址，或在矿池、钱包旁出现 donate-level、randomx 等挖矿参数"
  strings:
    // One pattern per scheme, no nocase and no alternation: each keeps a long literal atom, which
    // is what makes YARA-X fast (npm run bench:content).
    $stratum_tcp = /stratum[12]?\+tcp:\/\/[A-Za-z0-9._-]+:[0-9]{2,5}/
    $stratum_ssl = /stratum[12]?\+ssl:\/\/[A-Za-z0-9._-]+:[0-9]{2,5}/
    $stratum_tls = /stratum[12]?\+tls:\/\/[A-Za-z0-9._-]+:[0-9]{2,5}/
    $donate = "\"donate-level\""
    $donate2 = "--donate-level"
    $algo1 = "\"randomx\"" nocase
    $algo2 = "\"rx/0\""
    $algo3 = "\"cryptonight\"" nocase
    $pool = /"url"\s*:\s*"[A-Za-z0-9._-]+:[0-9]{2,5}"/
    $wallet = /"user"\s*:\s*"4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}"/
  condition:
    any of ($stratum*) or (any of ($donate*, $algo*) and ($pool or $wallet))
}

rule miner_pool_address {
  meta:
    id = "miner-pool-address"
    severity = "high"
    attack = "T1496"
    description = "Address of a public mining pool (host:port) or a miner command line with a Monero wallet"
    zh = "包含公共矿池地址（主机:端口），或带门罗币钱包的挖矿命令行"
  strings:
    $p0 = /supportxmr\.com:[0-9]{2,5}/
    $p1 = /moneroocean\.stream:[0-9]{2,5}/
    $p2 = /c3pool\.com:[0-9]{2,5}/
    $p3 = /nanopool\.org:[0-9]{2,5}/
    $p4 = /minexmr\.com:[0-9]{2,5}/
    $p5 = /hashvault\.pro:[0-9]{2,5}/
    $p6 = /xmrpool\.eu:[0-9]{2,5}/
    $p7 = /f2pool\.com:[0-9]{2,5}/
    $p8 = /2miners\.com:[0-9]{2,5}/
    $p9 = /herominers\.com:[0-9]{2,5}/
    $p10 = /unmineable\.com:[0-9]{2,5}/
    $p11 = /minergate\.com:[0-9]{2,5}/
    $p12 = /crypto-pool\.fr:[0-9]{2,5}/
    $p13 = /dwarfpool\.com:[0-9]{2,5}/
    $p14 = /nicehash\.com:[0-9]{2,5}/
    $p15 = /monerohash\.com:[0-9]{2,5}/
    $w1 = / -u 4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}/
    $w2 = /--user[ =]4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}/
  condition:
    any of them
}

rule reverse_shell {
  meta:
    id = "reverse-shell"
    severity = "high"
    attack = "T1059.004"
    description = "Reverse shell: an interactive shell wired to a network connection (/dev/tcp, nc -e, socat exec, python or perl socket one-liner)"
    zh = "反向连接终端：把交互式命令解释器接到网络连接上（/dev/tcp、nc -e、socat exec、python 或 perl 单行套接字命令）"
  strings:
    $devtcp1 = /\b(ba)?sh\s+-i\s*[0-9]*[<>&]+\s*\/dev\/(tcp|udp)\/[^\s\/]+\/[0-9]+/
    $devtcp2 = /\/dev\/(tcp|udp)\/[^\s\/]+\/[0-9]+\s*0\s*>\s*&\s*1/
    $devtcp3 = /exec\s+[0-9]+<>\s*\/dev\/(tcp|udp)\/[^\s\/]+\/[0-9]+/
    $nc = /\b(nc|ncat|netcat)(\.[a-z]+)?\s[^\n]{0,80}-[a-z]*[ce]\s*\/bin\/(ba|da|z)?sh/
    $socat = /\bsocat\s[^\n]{0,200}exec:['"]?(\/bin\/)?(ba|da|z)?sh/ nocase
    $py = /socket\.socket\([^\n]{0,300}(os\.dup2|pty\.spawn|subprocess\.call\(\[['"]\/bin\/(ba)?sh)/
    $pl = /\bperl\b[^\n]{0,40}-e[^\n]{0,300}socket\([^\n]{0,300}exec\s*\(?\s*["']\/bin\/(ba)?sh/ nocase
    $mkfifo = /mkfifo\s+\S+[^\n]{0,80}\|\s*(\/bin\/)?(ba)?sh\s+-i[^\n]{0,80}\|\s*(nc|ncat|openssl)\s/
  condition:
    any of them
}

rule download_execute {
  meta:
    id = "download-execute"
    severity = "high"
    attack = "T1105,T1059.004"
    description = "Dropper: downloads from a bare IP address or a paste site straight into a shell, or fetches a file into a temporary place, makes it executable and starts it"
    zh = "投放器：从裸 IP 地址或粘贴站点下载并直接交给 sh 执行，或下载到临时目录后加执行权限并运行"
  strings:
    $pipe_ip = /\b(curl|wget)\s[^\n|;]{0,120}(https?:\/\/)?[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(:[0-9]+)?\/[^\n|;]{0,200}\|\s*(sudo\s+)?(\/bin\/|\/usr\/bin\/)?(ba|da)?sh\b/
    $pipe_paste = /\b(curl|wget)\s[^\n|;]{0,120}(pastebin\.com|transfer\.sh|temp\.sh|paste\.ee|ngrok\.io|iplogger\.org)[^\n|;]{0,200}\|\s*(sudo\s+)?(\/bin\/|\/usr\/bin\/)?(ba|da)?sh\b/
    $drop = /\b(curl|wget)\s[^\n]{0,200}(\/tmp\/|\/var\/tmp\/|\/dev\/shm\/)[^\n]{0,200}chmod\s+(\+x|[0-7]?7[0-7][0-7])\s[^\n]{0,200}(\/tmp\/|\/var\/tmp\/|\/dev\/shm\/|\.\/)/
  condition:
    any of them
}

rule download_pipe_shell {
  meta:
    id = "download-pipe-shell"
    severity = "low"
    attack = "T1105,T1059.004"
    description = "Downloads a script and pipes it straight into a shell (curl … | sh): common in install instructions, worth a look in a script that runs by itself"
    zh = "下载脚本并直接交给 sh 执行（curl … | sh）：安装说明中很常见，若出现在自动运行的脚本中值得检查"
  strings:
    $pipe = /\b(curl|wget)\s[^\n|;]{0,200}\|\s*(sudo\s+)?(\/bin\/|\/usr\/bin\/)?(ba|da)?sh\b/
  condition:
    $pipe and not download_execute
}

rule ssh_key_injection {
  meta:
    id = "ssh-key-injection"
    severity = "high"
    attack = "T1098.004"
    description = "Script that appends a hard-coded public key to an authorized_keys file (a backdoor login)"
    zh = "脚本把写死的公钥追加到 authorized_keys 文件中（留下的登录后门）"
  strings:
    $k = /(echo|printf)\s+(-[en]+\s+)?['"]?(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-nistp[0-9]+)\s+AAAA[A-Za-z0-9+\/=]{20,}[^\n]{0,200}>>?\s*["']?[^\s]*authorized_keys/
  condition:
    $k
}

rule php_webshell {
  meta:
    id = "php-webshell"
    severity = "critical"
    attack = "T1505.003"
    description = "PHP webshell: code execution over request input (eval/assert/system on $_POST/$_GET/$_REQUEST), decode chains (base64_decode, gzinflate, str_rot13) fed to eval, or function names built from strings"
    zh = "PHP 网页后门：对请求参数执行代码（eval、assert、system 作用于 $_POST、$_GET、$_REQUEST），解码链（base64_decode、gzinflate、str_rot13）交给 eval 执行，或用字符串拼出函数名"
  strings:
    $ctx_php = "<?" ascii
    $req = /\b(eval|assert|system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|create_function)\s*\(\s*@?\s*([a-z0-9_]+\s*\(\s*)*@?\$_(POST|GET|REQUEST|COOKIE|SERVER\[['"]HTTP_)/ nocase
    $chain = /\beval\s*\(\s*@?\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|strrev)\s*\(\s*@?\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|strrev)\s*\(/ nocase
    $varfn = /\$[A-Za-z_0-9]+\s*\(\s*@?\s*\$_(POST|GET|REQUEST|COOKIE)\s*\[/
    $concat = /=\s*['"](as|ass|ev|sy|sys|she|pas|cre)['"]\s*\.\s*['"](s|se|ser|sert|al|stem|tem|ll_exec|sthru|ate_function)['"]/ nocase
    $backtick = /`\s*\$_(POST|GET|REQUEST)\[/
    $preg = /preg_replace\s*\(\s*['"]\/[^'"]*\/[a-z]*e[a-z]*['"]\s*,\s*\$_(POST|GET|REQUEST)/ nocase
  condition:
    $ctx_php and any of ($req, $chain, $varfn, $concat, $backtick, $preg)
}

rule jsp_webshell {
  meta:
    id = "jsp-webshell"
    severity = "critical"
    attack = "T1505.003"
    description = "JSP webshell: runs a command taken from the request (Runtime.getRuntime().exec(request.getParameter(...)))"
    zh = "JSP 网页后门：执行取自请求参数的命令（Runtime.getRuntime().exec(request.getParameter(...))）"
  strings:
    $a = /Runtime\.getRuntime\(\)\.exec\(\s*request\.getParameter\(/
    $b = /new\s+ProcessBuilder\([^\n]{0,80}request\.getParameter\(/
  condition:
    any of them
}

rule family_xorddos {
  meta:
    id = "family-xorddos"
    severity = "critical"
    attack = "T1498,T1053.003"
    description = "Strings of the XOR.DDoS trojan family (its XOR key, the gcc.sh cron script, the libudev.so copy)"
    zh = "XOR.DDoS 木马家族的特征字符串（异或密钥、gcc.sh 计划任务脚本、libudev.so 副本）"
  strings:
    $key = "BB2FA36AAA9541F0"
    $gcc = "/etc/cron.hourly/gcc.sh"
    $cp = /cp\s+\/lib\/libudev\.so\s+\/lib\/libudev\.so\.6/
    $up = /cat \/proc\/net\/dev\s*\|\s*grep :\s*\|\s*awk -F:[^\n]{0,40}ifconfig \$i up/
  condition:
    $key or 2 of ($gcc, $cp, $up)
}

rule family_billgates {
  meta:
    id = "family-billgates"
    severity = "critical"
    attack = "T1498,T1037"
    description = "Strings of the BillGates DDoS trojan family (DbSecuritySpt, selinux and getty service names, gates.lod, moni.lod)"
    zh = "BillGates DDoS 木马家族的特征字符串（DbSecuritySpt、gates.lod、moni.lod 等）"
  strings:
    $a = "DbSecuritySpt"
    $b = "gates.lod"
    $c = "moni.lod"
    $d = "/etc/init.d/selinux"
    $e = "conf.n"
    $f = "cmd.n"
  condition:
    2 of them
}

rule family_kinsing {
  meta:
    id = "family-kinsing"
    severity = "critical"
    attack = "T1496,T1105"
    description = "Strings of the Kinsing campaign (kinsing agent, kdevtmpfsi miner) in a script or program"
    zh = "Kinsing 挖矿团伙的特征字符串（kinsing 代理程序、kdevtmpfsi 挖矿程序）"
  strings:
    $a = "kinsing" nocase
    $b = "kdevtmpfsi" nocase
    $c = /\/etc\/(kinsing|kdevtmpfsi)\b/
    $d = "kinsing_"
  condition:
    $c or ($a and $b) or ($d and $b)
}

rule family_tsunami {
  meta:
    id = "family-tsunami"
    severity = "critical"
    attack = "T1498,T1071"
    description = "Strings of the Tsunami (Kaiten) IRC DDoS bot: its flood and spoofing commands"
    zh = "Tsunami（Kaiten）IRC DDoS 木马的特征字符串：洪水攻击与伪造源地址命令"
  strings:
    $a = "GETSPOOFS"
    $b = "KILLALL"
    $c = "TSUNAMI <target> <secs>"
    $d = "PAN <target> <port> <secs>"
    $e = "NOTICE %s :Kaiten"
    $f = "UNKNOWNSPOOF" 
    $g = "Kaiten wa goraku"
  condition:
    3 of them or $g or $e
}
