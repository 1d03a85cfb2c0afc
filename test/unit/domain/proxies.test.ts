/** AEM's two HTTP clients' proxies: read from the console's properties, compared, and the connections to allow. */
import { hostsToAllow, proxyConfigOf, proxyProblems } from '../../../core/domain/proxies';

const p3 = (host: string, enabled = true) => proxyConfigOf('com.day.commons.httpclient', { 'proxy.enabled': enabled, 'proxy.host': host });
const p4 = (host: string, port: number, enabled = true) =>
  proxyConfigOf('org.apache.http.proxyconfigurator.1', {
    'proxy.enabled': enabled,
    'proxy.host': host,
    'proxy.port': port,
    'proxy.user': 'u',
    'proxy.password': 'secret',
  });

test('the 3.x form is host:port in one field; the 4.x form has the port apart; the password is never kept', () => {
  expect(p3('proxy:8080')).toEqual({
    client: '3.x',
    pid: 'com.day.commons.httpclient',
    enabled: true,
    address: 'proxy:8080',
    withUser: false,
    exceptions: [],
  });
  expect(p4('proxy', 8080)).toMatchObject({ client: '4.x', address: 'proxy:8080', withUser: true });
  expect(JSON.stringify(p4('proxy', 8080))).not.toContain('secret');
  expect(
    proxyConfigOf('org.apache.http.proxyconfigurator', { 'proxy.enabled': 'false', 'proxy.exceptions': ['localhost', '*.corp'] }),
  ).toMatchObject({
    enabled: false,
    exceptions: ['localhost', '*.corp'],
  });
});

test('both direct, or both through the same proxy: nothing to say; one of them, or two proxies: a warning each', () => {
  expect(proxyProblems({ configs: [] })).toEqual([]);
  expect(proxyProblems({ configs: [p3('proxy:8080'), p4('proxy', 8080)] })).toEqual([]);
  expect(proxyProblems({ configs: [p3('proxy:8080', false), p4('proxy', 8080, false)] })).toEqual([]);
  expect(proxyProblems({ configs: [p4('proxy', 8080)] }).map((p) => p.id)).toEqual(['proxy-one-client']);
  expect(proxyProblems({ configs: [p3('proxy:8080'), p4('proxy', 8080, false)] })[0].title).toContain('(com.day.commons.httpclient)');
  expect(proxyProblems({ configs: [p3('a:1'), p4('b', 2)] }).map((p) => p.id)).toEqual(['proxy-differ']);
  // Not read: nothing claimed.
  expect(proxyProblems({ configs: [], unread: true })).toEqual([]);
});

test('the connections publishing needs: the tenant and the IMS server, on 443 unless a port is named', () => {
  expect(hostsToAllow('https://acme.brand-portal.adobe.com', 'https://ims-na1.adobelogin.com/ims/token/v3')).toEqual([
    'acme.brand-portal.adobe.com:443',
    'ims-na1.adobelogin.com:443',
  ]);
  expect(hostsToAllow(undefined, 'not a url')).toEqual([]);
});
