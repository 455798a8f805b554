import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inNamespace, scannerBundle } from './helpers/namespace';

// Ending an intruder's terminal session and locking the account, inside fresh namespaces: the
// session's processes are frozen then killed, the account gets "!" and an expiry date with the
// file's mode and owner kept, and undo restores /etc/shadow byte for byte.

const HOSTSWEEP = `${JSON.stringify(process.execPath)} ${JSON.stringify(scannerBundle())}`;

function parse(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^(\w+)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

describe('contain --end-session and --lock-user', () => {
  it('ends the session on a terminal and locks the account, undo unlocks it', () => {
    const run = inNamespace(
      `
mkdir /tmp/etc
cp /etc/passwd /etc/group /tmp/etc/
echo 'mallory:x:4242:4242::/home/mallory:/bin/bash' >> /tmp/etc/passwd
printf 'root:*:19000:0:99999:7:::\\nmallory:$6$salt$hash:19500:0:99999:7:::\\n' > /tmp/etc/shadow
chmod 640 /tmp/etc/shadow; chgrp 42 /tmp/etc/shadow
mount --bind /tmp/etc /etc
sha256sum /etc/shadow > /tmp/shadow.sum
# The intruder's session: a shell on a pseudo-terminal with a child (script runs $SHELL -c, so
# SHELL is fixed and the shell execs bash: the leader is bash on every machine).
SHELL=/bin/sh script -qfc "exec bash -c 'sleep 1000 & sleep 1001'" /dev/null > /dev/null 2>&1 < /dev/null &
while ! pgrep -x -f 'sleep 1001' > /dev/null; do sleep 0.05; done
S=$(pgrep -x -f 'sleep 1001'); C=$(pgrep -x -f 'sleep 1000')
TTY=$(readlink /proc/$S/fd/0 | sed 's#^/dev/##')
echo "tty=$TTY"
${HOSTSWEEP} contain --end-session $TTY --lock-user mallory --state /tmp/st > /tmp/dry.txt
echo "dryalive=$(kill -0 $S $C && echo yes)"
echo "dryshadow=$(sha256sum -c /tmp/shadow.sum > /dev/null && echo same)"
${HOSTSWEEP} contain --end-session $TTY --lock-user mallory --yes --no-collect --state /tmp/st > /tmp/apply.txt
echo "applyrc=$?"
sleep 0.2
echo "gone=$(kill -0 $S 2>/dev/null || kill -0 $C 2>/dev/null || echo yes)"
echo "locked=$(grep '^mallory:' /etc/shadow)"
echo "mode=$(stat -c '%a %u %g' /etc/shadow)"
${HOSTSWEEP} undo --state /tmp/st > /tmp/undo.txt
echo "undorc=$?"
echo "restored=$(sha256sum -c /tmp/shadow.sum > /dev/null && echo same)"
echo "mode2=$(stat -c '%a %u %g' /etc/shadow)"
echo "nouser=$(${HOSTSWEEP} contain --lock-user nosuch --state /tmp/st 2>&1 >/dev/null | tr -d '\\n'; echo " rc=\${PIPESTATUS[0]}")"
echo "notty=$(${HOSTSWEEP} contain --end-session pts/4095 --state /tmp/st 2>&1 >/dev/null | tr -d '\\n'; echo " rc=\${PIPESTATUS[0]}")"
echo "dryout=$(tr '\\n' '|' < /tmp/dry.txt)"
echo "applyout=$(tr '\\n' '|' < /tmp/apply.txt)"
`,
      { timeoutMs: 60_000 },
    );
    const r = parse(run.stdout);
    assert.match(r.tty ?? '', /^pts\/\d+$/, run.stdout + run.stderr);
    assert.equal(r.dryalive, 'yes');
    assert.equal(r.dryshadow, 'same');
    assert.match(r.dryout, /End the session on pts\/\d+ of root \(leader PID \d+ bash\): freeze its 3 processes, then kill them/);
    assert.match(r.dryout, /Lock account mallory/);
    assert.equal(r.applyrc, '0', r.applyout);
    assert.equal(r.gone, 'yes', 'the session’s processes are gone');
    assert.equal(r.locked, 'mallory:!$6$salt$hash:19500:0:99999:7::1:');
    assert.equal(r.mode, '640 0 42');
    assert.equal(r.undorc, '0');
    assert.equal(r.restored, 'same');
    assert.equal(r.mode2, '640 0 42');
    assert.match(r.nouser, /no user nosuch in \/etc\/passwd rc=2$/);
    assert.match(r.notty, /no session found on pts\/4095 rc=2$/);
  });
});
