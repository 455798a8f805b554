import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSshdMessage } from './auth-parse';

describe('sshd accepted-login parser', () => {
  const accepted = (tail: string) =>
    parseSshdMessage(`web1 sshd[1301]: Accepted publickey for root from 45.67.89.10 port 40022 ssh2${tail}`);

  it('records the key type and SHA256 fingerprint sshd logs', () => {
    const e = accepted(': RSA SHA256:JHa/uKVmygK2rXFVE7PRZzafVofZtCTi6s6p45Kdo8g');
    assert.equal(e?.kind, 'accepted');
    assert.equal(e?.user, 'root');
    assert.equal(e?.keyType, 'RSA');
    assert.equal(e?.fingerprint, 'SHA256:JHa/uKVmygK2rXFVE7PRZzafVofZtCTi6s6p45Kdo8g');
  });

  it('takes the user key, not the CA key, of a certificate login, and the old MD5 form', () => {
    const cert = accepted(
      ': ED25519-CERT SHA256:rzo8zpdblR7NZlNAdn7Nh0xarOYAjQzcvhvJy6LD3sA ID ops@corp (serial 7) CA ED25519 SHA256:3x4mpl3CaKeyFingerprintAAAAAAAAAAAAAAAAAAAA',
    );
    assert.equal(cert?.keyType, 'ED25519-CERT');
    assert.equal(cert?.fingerprint, 'SHA256:rzo8zpdblR7NZlNAdn7Nh0xarOYAjQzcvhvJy6LD3sA');
    const md5 = accepted(': RSA 3f:0a:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee');
    assert.equal(md5?.fingerprint, '3f:0a:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee');
  });

  it('leaves the key empty for password logins and for a user name that imitates a key', () => {
    const pw = parseSshdMessage('web1 sshd[1301]: Accepted password for root from 45.67.89.10 port 40022 ssh2');
    assert.equal(pw?.method, 'password');
    assert.equal(pw?.fingerprint, undefined);
    const junk = accepted(': RSA SHA256:short\u001b[2J');
    assert.equal(junk?.kind, 'accepted');
    assert.equal(junk?.fingerprint, undefined);
  });
});
