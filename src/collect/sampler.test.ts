import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SocketSeen, sentSomething } from './sampler';

describe('egress estimate: who sent something', () => {
  const sockets = new Map<number, SocketSeen>([
    [1, { proto: 'tcp', state: 'LISTEN', queued: false }],
    [2, { proto: 'tcp', state: 'ESTABLISHED', queued: false }],
    [3, { proto: 'tcp', state: 'ESTABLISHED', queued: true }],
    [4, { proto: 'udp', state: 'UNCONN', queued: false }],
  ]);

  it('a listener is never a sender, however much system time it spends polling', () => {
    assert.equal(sentSomething([1], sockets, { sys: 500, wrote: 0 }), false);
    assert.equal(sentSomething([1, 99], sockets, { sys: 500, wrote: 1_000_000 }), false, 'unix or unknown sockets do not count');
  });

  it('data queued on a socket, or bytes written over a connection, is sending', () => {
    assert.equal(sentSomething([1, 3], sockets, { sys: 0, wrote: 0 }), true);
    assert.equal(sentSomething([2], sockets, { sys: 0, wrote: 4096 }), true);
    assert.equal(sentSomething([2], sockets, { sys: 50, wrote: 0 }), false, 'an idle keep-alive connection and CPU time alone');
  });

  it('a datagram socket counts only with a sending loop’s system time', () => {
    assert.equal(sentSomething([4], sockets, { sys: 0, wrote: 0 }), false);
    assert.equal(sentSomething([4], sockets, { sys: 40, wrote: 0 }), true);
  });
});
