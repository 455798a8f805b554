import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ClamavDetection, ClamavFact } from '../../collect/content/clamav';
import { builtinIntel } from '../../intel/intel';
import { testRule } from '../../../test/helpers/rule-tester';
import rule, { signatureSeverity } from './clamav-detection';

function fact(...detections: ClamavDetection[]): ClamavFact {
  return {
    engine: 'clamd',
    via: '/run/clamav/clamd.ctl',
    version: 'ClamAV 1.4.6/27473/Sun Nov 29 09:26:01 2026',
    engineVersion: '1.4.6',
    databaseVersion: '27473',
    databaseDate: 'Sun Nov 29 09:26:01 2026',
    databaseDir: '/var/lib/clamav',
    databaseFiles: ['bytecode.cvd', 'daily.cld', 'main.cvd'],
    filesListed: 12,
    filesScanned: 12,
    ms: 40,
    detections,
  };
}

// ClamAV runs over the content scan's file set: the content scan fact is always there with it.
const contentScan = { engine: 'yara-x', ruleCount: 11, filesScanned: 12, bytesScanned: 40_000, ms: 3, matches: [] };

const at = { size: 2_400_000, mtime: '2026-11-20T03:00:00.000Z' };

testRule(rule, {
  valid: [{ name: 'no --clamav: no ClamAV fact, nothing reported', facts: { contentScan } }],
  invalid: [
    {
      name: 'nothing detected: one info line naming the database',
      facts: { contentScan, clamav: fact() },
      expect: [
        { severity: 'info', title: /ClamAV scanned 12 file\(s\), 0 detection\(s\)/, evidence: /database version 27473 of Sun Nov 29/ },
      ],
    },
    {
      name: 'a trojan is critical, a miner high, a PUA low; each quotes its signature',
      facts: {
        contentScan,
        clamav: fact(
          { path: '/tmp/.x/kdevtmpfsi', signature: 'Unix.Trojan.Mirai-7100807-0', ...at },
          { path: '/var/tmp/.m/xmrig', signature: 'Unix.Coinminer.Xmrig-9950413-0', ...at },
          { path: '/opt/tools/nc', signature: 'PUA.Unix.Tool.Netcat-1', ...at },
        ),
      },
      expect: [
        { severity: 'critical', path: '/tmp/.x/kdevtmpfsi', evidence: /ClamAV signature: "Unix\.Trojan\.Mirai-7100807-0"/ },
        {
          severity: 'high',
          path: '/var/tmp/.m/xmrig',
          evidence: /ClamAV 1\.4\.6 \(clamd \/run\/clamav\/clamd\.ctl\), database version 27473/,
        },
        { severity: 'low', path: '/opt/tools/nc', title: /ClamAV detected PUA\.Unix\.Tool\.Netcat-1/ },
        { severity: 'info', title: /3 detection\(s\)/ },
      ],
    },
  ],
});

it('signature families: the last matching entry wins, .UNOFFICIAL is ignored', () => {
  const table = builtinIntel().clamav.signatureSeverity;
  const sev = (s: string) => signatureSeverity(s, table)?.severity;
  assert.equal(sev('Multios.Backdoor.Msfvenom-1'), 'critical');
  assert.equal(sev('Unix.Trojan.HostsweepTest-1.UNOFFICIAL'), 'critical');
  assert.equal(sev('Php.Webshell.Generic-1'), 'critical');
  assert.equal(sev('Unix.Coinminer.Generic-7151250-0'), 'high');
  assert.equal(sev('Linux.CoinMiner.XMRig'), 'high');
  assert.equal(sev('Xmrig.Miner'), 'high');
  assert.equal(sev('Unix.Malware.Agent-1'), 'high');
  assert.equal(sev('Something.Unheard.Of'), 'high');
  assert.equal(sev('Heuristics.Broken.Executable'), 'low');
  assert.equal(sev('Heuristics.Phishing.Email.SpoofedDomain'), 'medium');
  assert.equal(sev('PUA.Unix.Trojan.Generic'), 'low');
  assert.equal(sev('Win.Test.EICAR_HDB-1'), 'low');
  assert.equal(sev('Eicar-Signature'), 'low');
});
