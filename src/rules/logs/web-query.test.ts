import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinIntel } from '../../intel/intel';
import { decodeBase64Text, queryCommands } from './web-query';

const intel = builtinIntel();
const ids = (q: string) => queryCommands(intel, q).map((m) => m.id);

describe('webshell query strings', () => {
  it('finds commands in shell parameters, code calls anywhere, and base64 with "+" kept as a digit', () => {
    assert.deepEqual(ids('cmd=whoami'), ['shell-command-param']);
    assert.deepEqual(ids('c=uname%20-a&x=1'), ['shell-command-param']);
    assert.deepEqual(ids('page=1&f=system(%27id%27)'), ['code-call']);
    assert.deepEqual(ids('q=1;id'), ['shell-syntax']);
    // "id;uname -a>>" in base64 has a "+" that form decoding would turn into a space.
    const encoded = Buffer.from('id;uname -a>>').toString('base64');
    assert.ok(encoded.includes('+'));
    assert.deepEqual(queryCommands(intel, `z1=${encoded}`), [
      { id: 'shell-command-param', decoded: 'id;uname -a>>' },
      { id: 'shell-syntax', decoded: 'id;uname -a>>' },
    ]);
  });

  it('stays quiet on searches, ids, tokens and redirects', () => {
    for (const q of [
      'q=cat+food',
      's=system+requirements',
      'id=42&sort=id',
      'q=how+to+run+ls+in+bash',
      'token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2ln',
      `redirect=${Buffer.from('https://shop.example/account').toString('base64')}`,
      'utm_source=newsletter&utm_campaign=password123',
      'x=%E0%A4%A',
    ])
      assert.deepEqual(ids(q), [], q);
    assert.equal(decodeBase64Text('password123'), null);
  });
});
