/**
 * The package's Check Health script, twice: compiled from ui.apps by Apache Jasper and run in an
 * embedded Tomcat 9 against stubs of the Sling, Jackrabbit and Granite interfaces (its providers
 * make real client-credentials requests to the emulator's IMS stub), and as the emulator serves
 * it. Both must answer every case alike: healthy, invalid_client, invalid_scope, unknown
 * configuration, missing name, not an administrator, POST refused.
 */
import { parseFelixConfig } from '../../core/domain/felix-config';
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';
import { oauthForm, registerOauthCredential } from '../helpers/ims-fixtures';
import { type RunningHarness, startJspHarness } from '../helpers/jsp-harness';

const ADMIN = { id: 'admin', password: 'admin', admin: true };
const AUTHOR = { id: 'author', password: 'author-pass', admin: false };
const basic = (u: { id: string; password: string }) => `Basic ${Buffer.from(`${u.id}:${u.password}`).toString('base64')}`;

let emu: RunningEmulator;
let jsp: RunningHarness;
let c: Client;
const ODD_NAME = 'Brand Portal (prod) * \\ two';
/** Provider names of the three configurations, as AEM's IMS servlet stored them. */
const names: Record<'ok' | 'badSecret' | 'badScope', string> = { ok: '', badSecret: '', badScope: '' };

async function createConfig(clientSecret: string, scope: string): Promise<string> {
  const res = await c.write('/apps/bpsetup/ims/update', oauthForm('healthok', { clientSecret, scope, title: `Health ${scope}` }));
  expect(res.status).toBe(200);
  const id = (await res.text()).trim();
  const file = await c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`);
  return String(parseFelixConfig(await file.text()).name);
}

beforeAll(async () => {
  emu = await startTestEmulator({ users: [{ user: AUTHOR.id, password: AUTHOR.password }] });
  c = await loggedIn(emu.url);
  await registerOauthCredential(emu.url, 'healthok', 'health-secret-1', ['openid', 'AdobeID']);
  names.ok = await createConfig('health-secret-1', 'openid,AdobeID');
  names.badSecret = await createConfig('not-the-secret', 'openid,AdobeID');
  names.badScope = await createConfig('health-secret-1', 'openid,AdobeID,dam-admin');
  const tokenUrl = `${emu.url}/__ims/ims/token/v3`;
  jsp = await startJspHarness(
    [ADMIN, AUTHOR],
    [
      { name: names.ok, tokenUrl, clientId: 'healthok', clientSecret: 'health-secret-1', scope: 'openid,AdobeID' },
      { name: names.badSecret, tokenUrl, clientId: 'healthok', clientSecret: 'not-the-secret', scope: 'openid,AdobeID' },
      { name: names.badScope, tokenUrl, clientId: 'healthok', clientSecret: 'health-secret-1', scope: 'openid,AdobeID,dam-admin' },
      // A name with the characters an OSGi filter escapes: found only when escaped as Felix reads it.
      { name: ODD_NAME, tokenUrl, clientId: 'healthok', clientSecret: 'health-secret-1', scope: 'openid,AdobeID' },
    ],
  );
}, 60000);
afterAll(async () => {
  await jsp?.close();
  await emu?.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The same request to the compiled JSP and to the emulator; durations differ by nature and are set aside. */
async function both(query: string, user = ADMIN, method = 'GET'): Promise<[Answer, Answer]> {
  const ask = async (base: string, extra: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${base}/apps/bpsetup/health.json${query}`, {
      method,
      redirect: 'manual',
      headers: { Authorization: basic(user), ...extra },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    if (typeof body.durationMs === 'number') body.durationMs = 'measured';
    return { status: res.status, body };
  };
  // AEM's CSRF filter runs before any script: a POST from a script client carries a token.
  const token: Record<string, string> = method === 'POST' ? { 'CSRF-Token': await c.csrfToken(), Cookie: c.cookie } : {};
  return [await ask(jsp.url), await ask(emu.url, token)];
}

test('healthy: the provider got a token; the token is not in the answer', async () => {
  const [real, emulated] = await both(`?name=${encodeURIComponent(names.ok)}`);
  expect(real).toEqual({ status: 200, body: { name: names.ok, healthy: true, durationMs: 'measured' } });
  expect(emulated).toEqual(real);
});

test('a wrong client secret: invalid_client with the IMS status and AEM provider text', async () => {
  const [real, emulated] = await both(`?name=${encodeURIComponent(names.badSecret)}`);
  expect(real.status).toBe(200);
  expect(real.body).toMatchObject({ healthy: false, status: 401, error: 'invalid_client' });
  expect(String(real.body.message)).toContain(
    'com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server status: 401 response:',
  );
  expect(JSON.stringify(real.body)).not.toContain('not-the-secret');
  expect(emulated).toEqual(real);
});

test('a scope the credential lacks: invalid_scope', async () => {
  const [real, emulated] = await both(`?name=${encodeURIComponent(names.badScope)}`);
  expect(real.body).toMatchObject({ healthy: false, status: 400, error: 'invalid_scope' });
  expect(String(real.body.errorDescription)).toContain('dam-admin');
  expect(emulated).toEqual(real);
});

test('an unknown configuration name, and a name that tries to widen the service filter', async () => {
  for (const name of ['no-such-configuration', '*', `${names.ok.slice(0, 4)}*`, 'a)(name=*']) {
    const [real, emulated] = await both(`?name=${encodeURIComponent(name)}`);
    expect(real).toEqual({
      status: 404,
      body: { error: 'unknown-configuration', name, message: 'No active access-token provider has this name on this AEM.' },
    });
    expect(emulated).toEqual(real);
  }
});

test('a provider named with ( ) * and \\ is found by its own name, escaped as OSGi filters are', async () => {
  const res = await fetch(`${jsp.url}/apps/bpsetup/health.json?name=${encodeURIComponent(ODD_NAME)}`, {
    headers: { Authorization: basic(ADMIN) },
  });
  expect(await res.json()).toMatchObject({ name: ODD_NAME, healthy: true });
});

test('no name: 400', async () => {
  const [real, emulated] = await both('');
  expect(real).toMatchObject({ status: 400, body: { error: 'missing-name' } });
  expect(emulated).toEqual(real);
});

test('a user who is not an administrator: 403', async () => {
  const [real, emulated] = await both(`?name=${encodeURIComponent(names.ok)}`, AUTHOR);
  expect(real).toEqual({
    status: 403,
    body: { error: 'not-administrator', message: 'Only members of administrators may run Check Health.' },
  });
  expect(emulated).toEqual(real);
});

test('POST is refused and writes nothing', async () => {
  const [real, emulated] = await both(`?name=${encodeURIComponent(names.ok)}&jcr:title=x`, ADMIN, 'POST');
  expect(real).toEqual({ status: 405, body: { error: 'method-not-allowed', message: 'Check Health answers GET only.' } });
  expect(emulated).toEqual(real);
  const node = (await (await c.get('/apps/bpsetup/health.0.json')).json()) as Record<string, unknown>;
  expect(node['jcr:title']).toBeUndefined();
});

test('without the scripts (an older package) Sling renders the node instead: no "healthy" in the answer', async () => {
  const res = await c.write('/apps/bpsetup/components/health/json.jsp', new URLSearchParams({ ':operation': 'delete' }));
  expect(res.status).toBe(200);
  const answer = (await (await c.get(`/apps/bpsetup/health.json?name=${encodeURIComponent(names.ok)}`)).json()) as Record<string, unknown>;
  expect(answer).toEqual({
    'jcr:primaryType': 'nt:folder',
    'jcr:mixinTypes': ['sling:Resource'],
    'sling:resourceType': 'bpsetup/components/health',
  });
  await emu.context.reset();
});
