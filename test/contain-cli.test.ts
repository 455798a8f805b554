import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { siteFirewalls } from '../src/respond/contain/backends';
import { operatorPath } from '../src/respond/contain/plan-contain';
import { inNamespace, scannerBundle } from './helpers/namespace';

// What an operator typing in a hurry sees: mistakes are named, in their language, with exit code
// 2 and nothing changed; a dry run shows the plan and changes nothing.

const HOSTSWEEP = `${JSON.stringify(process.execPath)} ${JSON.stringify(scannerBundle())}`;

function lines(script: string): Record<string, string> {
  const run = inNamespace(script, { timeoutMs: 60_000 });
  const out: Record<string, string> = {};
  for (const m of run.stdout.matchAll(/^(\w+)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

describe('hostsweep contain (command line)', () => {
  it('names bad input, exits 2 and changes nothing', () => {
    const err = (args: string, lang = 'C.UTF-8') =>
      `$(LANG=${lang} ${HOSTSWEEP} contain ${args} --yes --no-collect --state /tmp/st 2>&1 >/dev/null | tr -d '\\n'; echo " rc=\${PIPESTATUS[0]}")`;
    const r = lines(`
echo "rate=${err('--egress-limit 10')}"
echo "ratezh=${err('--egress-limit 10MB', 'zh_CN.UTF-8')}"
echo "port=${err('--egress-limit 10mbit --keep-port 70000')}"
echo "addr=${err("--block '1.2.3.4;reboot'")}"
echo "pid=${err('--freeze -5')}"
echo "none=${err('')}"
echo "own=$(SSH_CONNECTION='198.51.100.7 50000 192.0.2.1 22' ${HOSTSWEEP} contain --block 198.51.100.0/24 --yes --no-collect --state /tmp/st 2>&1 >/dev/null | tr -d '\n'; echo " rc=\${PIPESTATUS[0]}")"
echo "ruleset=$(nft list ruleset | wc -l)"
echo "state=$(ls /tmp/st 2>/dev/null | wc -l)"
`);
    assert.equal(r.rate, 'hostsweep contain: invalid --egress-limit 10: use e.g. 10mbit, 500kbit, 1MB/s rc=2');
    assert.equal(r.ratezh, 'hostsweep contain: 无效的 --egress-limit 10MB：示例 10mbit、500kbit、1MB/s rc=2');
    assert.match(r.port, /invalid --keep-port 70000: a TCP port 1-65535 rc=2$/);
    assert.match(r.addr, /invalid address 1\.2\.3\.4;reboot: an IPv4\/IPv6 address or network \(CIDR\) rc=2$/);
    assert.match(r.pid, /rc=2$/);
    assert.match(r.none, /Nothing to contain: give --egress-limit.* rc=2$/);
    assert.equal(
      r.own,
      'hostsweep contain: refusing to block 198.51.100.0/24: it contains 198.51.100.7, the address your SSH session comes from rc=2',
    );
    assert.equal(r.ruleset, '0', 'no firewall rule was added');
    assert.equal(r.state, '0', 'no run was journaled');
  });

  it('a dry run prints the plan in Chinese and adds no rule', () => {
    const r = lines(`
${HOSTSWEEP} contain --lang zh-CN --egress-limit 500kbit --block 203.0.113.9 --backend nft --state /tmp/st > /tmp/plan.txt
echo "rc=$?"
echo "plan=$(tr '\\n' '|' < /tmp/plan.txt)"
echo "ruleset=$(nft list ruleset | wc -l)"
`);
    assert.equal(r.rc, '0');
    assert.match(r.plan, /将本机出站流量限制为 500 kbit\/s \(62500 B\/s\)（nft）；TCP 端口 22 双向不受限制/);
    assert.match(r.plan, /丢弃来自和发往 203\.0\.113\.9 的全部流量（nft）/);
    assert.match(r.plan, /演练模式：没有做任何修改/);
    assert.equal(r.ruleset, '0');
  });

  it('keeps the operator’s own SSH port and address, from SSH_CONNECTION or SSH_CLIENT', () => {
    assert.deepEqual(operatorPath({ SSH_CONNECTION: '198.51.100.7 51234 192.0.2.10 2222' }), { port: 2222, addr: '198.51.100.7' });
    assert.deepEqual(operatorPath({ SSH_CLIENT: '2001:db8::7 51234 22' }), { port: 22, addr: '2001:db8::7' });
    assert.deepEqual(operatorPath({ SSH_CONNECTION: 'garbage' }), { port: null, addr: null });
    assert.deepEqual(operatorPath({}), { port: null, addr: null });
  });

  it('detects firewalld and an enabled ufw to live alongside them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-site-fw-'));
    try {
      fs.mkdirSync(path.join(dir, 'proc/812'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'proc/812/cmdline'), '/usr/bin/python3\0-s\0/usr/sbin/firewalld\0--nofork\0');
      fs.writeFileSync(path.join(dir, 'ufw.conf'), '# comment\nENABLED=yes\nLOGLEVEL=low\n');
      assert.deepEqual(siteFirewalls(path.join(dir, 'proc'), path.join(dir, 'ufw.conf')), { firewalld: true, ufw: true });
      fs.writeFileSync(path.join(dir, 'proc/812/cmdline'), '/usr/bin/vim\0/etc/firewalld/firewalld.conf\0');
      fs.writeFileSync(path.join(dir, 'ufw.conf'), 'ENABLED=no\n');
      assert.deepEqual(siteFirewalls(path.join(dir, 'proc'), path.join(dir, 'ufw.conf')), { firewalld: false, ufw: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
