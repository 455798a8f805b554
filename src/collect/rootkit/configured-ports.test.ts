import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import { configuredPorts, portOf } from './configured-ports';

describe('ports the configuration names (never bound by the hidden-port probe)', () => {
  const r = new FakeRoot();
  after(() => r.remove());

  it('reads systemd socket units, sshd, nginx and Apache', () => {
    r.write('/lib/systemd/system/cups.socket', '[Socket]\nListenStream=/run/cups/cups.sock\nListenStream=631\n')
      .write('/etc/systemd/system/dns.socket', '[Socket]\nListenDatagram=127.0.0.1:5353\n')
      .write('/etc/ssh/sshd_config', '#Port 22\nPort 2222\nListenAddress 10.0.0.1:2200\n')
      .write('/etc/nginx/sites-enabled/default', 'server {\n  listen 8080 default_server;\n  listen [::]:8443 ssl;\n}\n')
      .write('/etc/apache2/ports.conf', 'Listen 0.0.0.0:8081\n# Listen 9\n');
    assert.deepEqual(configuredPorts(new RootHost(r.dir)), [631, 2200, 2222, 5353, 8080, 8081, 8443]);
  });

  it('takes the port from every address spelling and nothing else', () => {
    assert.equal(portOf('8080'), 8080);
    assert.equal(portOf('[::1]:443'), 443);
    assert.equal(portOf('0.0.0.0:80'), 80);
    assert.equal(portOf('/run/x.sock'), null);
    assert.equal(portOf('70000'), null);
    assert.equal(portOf('localhost'), null);
  });
});
