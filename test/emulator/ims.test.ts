/**
 * Contract tests (sections 2.3–2.12) over real HTTP, with the literal paths, parameters and
 * texts of the contract document: keystore and certificates, IMS configurations, Check Health
 * against the IMS stub on both authentication types, with real RSA signatures.
 */
import { X509Certificate } from 'node:crypto';
import { createCertificate } from '../../core/domain/certificate-factory';
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import {
  IMS_HOST,
  ORG,
  PRODUCT_INFO,
  TECH,
  certificate,
  createKeystore,
  jwtForm,
  jwtPayload,
  oauthForm,
  registerIntegration,
  registerOauthCredential,
  serviceUser,
  uploadKey,
} from '../helpers/ims-fixtures';
import { parseDateText } from '../../core/domain/java-date';
import { parseKeystoreJson } from '../../core/domain/keystore-json';
import { parseFelixConfig } from '../../core/domain/felix-config';

let emu: RunningEmulator;
let c: Client;
let USER: string;
beforeAll(async () => {
  // The public-key download has no known address on AEM: these tests use the interim one.
  emu = await startTestEmulator({ productVersion: '6.5.17.0', interimEndpoints: true });
  c = await loggedIn(emu.url);
  USER = await serviceUser(c);
});
afterAll(() => emu.close());

/** The keystore, created on first need. */
async function keystore(): Promise<{ exists?: boolean; aliases?: { alias: string }[] }> {
  const ks = (await (await c.get(`${USER}.ks.json`)).json()) as { exists?: boolean; aliases?: { alias: string }[] };
  if (ks.exists !== false) return ks;
  await createKeystore(c);
  return { aliases: [] };
}

/** The keystore with the "bp" key pair that later tests sign with: made on first need, so any test runs alone with -t. */
async function keystoreWithBp(): Promise<void> {
  const ks = await keystore();
  if (!ks.aliases?.some((a) => a.alias === 'bp')) await uploadKey(c, 'bp', await certificate());
}

/** The two Developer Console credentials the Check Health and stub tests use (registering again is harmless). */
async function knownCredentials(): Promise<void> {
  await registerOauthCredential(emu.url, 'oauthok', 's3cret-oauth');
  await registerIntegration(emu.url, {
    clientId: 'jwtok',
    clientSecret: 'jwt-secret-value-5678',
    orgId: ORG,
    technicalAccountId: TECH,
    metascopes: ['ent_brand_portal_sdk'],
    certificatePem: (await certificate()).certificatePem,
  });
}

const statusOf = (html: string) => /<div id="Status">(\d+)<\/div>/.exec(html)?.[1];
const messageOf = (html: string) => /<div id="Message">([^<]*)<\/div>/.exec(html)?.[1];

test("product info: the Felix printer's lines name the version the emulator claims", async () => {
  const lines = (await (await c.get(PRODUCT_INFO)).json()) as string[];
  expect(lines[lines.indexOf('Installed Products') + 1]).toBe('  Adobe Experience Manager (6.5.17.0)');
});

describe('2.5 keystore of brandportal-imsconfig-service [contract: Users and the keystore] and 2.6 public key', () => {
  test('the service user sits at an Oak-style path that only a lookup finds', () => {
    expect(USER).toMatch(/^\/home\/users\/system\/[A-Za-z0-9_-]{20}$/);
    expect(USER).not.toContain('brandportal-imsconfig-service');
  });

  test('absent keystore reads as exists:false', async () => {
    expect(await (await c.get(`${USER}.ks.json`)).json()).toEqual({ exists: false });
  });

  test('create: CSRF required, passwords must match, then created once', async () => {
    const form = new URLSearchParams({ ':operation': 'createStore', newPassword: 'a', rePassword: 'a' });
    expect((await c.post(`${USER}.ks.html`, form)).status).toBe(403);
    const mismatch = await c.write(
      `${USER}.ks.html`,
      new URLSearchParams({ ':operation': 'createStore', newPassword: 'a', rePassword: 'b' }),
    );
    expect(mismatch.status).toBe(400);
    expect(messageOf(await mismatch.text())).toBe('The keystore passwords do not match.');
    const ok = await createKeystore(c);
    expect(statusOf(await ok.text())).toBe('200');
    expect((await createKeystore(c)).status).toBe(409);
  });

  test('upload a key pair (DER key, no :operation); ks.json: no exists flag, Java dates, exact serial', async () => {
    await keystore();
    const cert = await certificate();
    expect((await uploadKey(c, 'bp', cert)).status).toBe(200);
    const text = await (await c.get(`${USER}.ks.json`)).text();
    const serial = BigInt(`0x${new X509Certificate(cert.certificatePem).serialNumber}`).toString(10);
    expect(text).toContain(`"serialNumber":${serial}`);
    const ks = JSON.parse(text) as { exists?: boolean; aliases: { alias: string; chain: { subject: string; notAfter: string }[] }[] };
    expect(ks).not.toHaveProperty('exists');
    const entry = ks.aliases.find((a) => a.alias === 'bp');
    expect(entry).toMatchObject({ alias: 'bp', entryType: 'privateKey', algorithm: 'RSA', format: 'PKCS#8' });
    expect(entry?.chain[0].subject).toBe('C=US, CN=Adobe Brand Portal');
    expect(entry?.chain[0].notAfter).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    const days = (parseDateText(entry?.chain[0].notAfter ?? '') - Date.now()) / 86400000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
    // The page's reader keeps the serial exact.
    expect(parseKeystoreJson(text).aliases[0].chain[0].serialNumber).toBe(serial);
  });

  test('refused uploads: a PEM key, a duplicate alias, the key of another certificate; removeAlias removes', async () => {
    await keystoreWithBp();
    const cert = await certificate();
    const pem = await uploadKey(c, 'other', cert, { pkAsPem: true });
    expect(pem.status).toBe(500);
    expect(messageOf(await pem.text())).toContain('not an unencrypted PKCS#8 DER file');
    expect((await uploadKey(c, 'bp', cert)).status).toBe(409);
    const stranger = await createCertificate({ commonName: 'Stranger' });
    const res = await uploadKey(c, 'mixed', { certificatePem: cert.certificatePem, privateKeyPem: stranger.privateKeyPem });
    expect(res.status).toBe(400);
    expect(messageOf(await res.text())).toBe('The private key does not belong to the certificate.');
    expect((await uploadKey(c, 'spare', cert)).status).toBe(200); // the same key under a second alias
    expect(statusOf(await (await c.write(`${USER}.ks.html`, new URLSearchParams({ removeAlias: 'spare' }))).text())).toBe('200');
    const aliases = ((await (await c.get(`${USER}.ks.json`)).json()) as { aliases: { alias: string }[] }).aliases.map((a) => a.alias);
    expect(aliases).toEqual(['bp']);
    // No guessed operation exists: a made-up one is refused.
    expect((await c.write(`${USER}.ks.html`, new URLSearchParams({ ':operation': 'generate', alias: 'x' }))).status).toBe(400);
  });

  test('public key download (interim address): AEM-Adobe-IMS.crt, PEM certificate only', async () => {
    await keystoreWithBp();
    const res = await c.get('/apps/bpsetup/unverified/public-key.crt?alias=bp');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="AEM-Adobe-IMS.crt"');
    const pem = await res.text();
    expect(pem).toBe((await certificate()).certificatePem.replace(/\r\n/g, '\n'));
    expect(pem).not.toContain('PRIVATE KEY');
    expect((await c.get('/apps/bpsetup/unverified/public-key.crt?alias=missing')).status).toBe(404);
  });

  test('the private key never leaves through HTTP', async () => {
    await keystoreWithBp();
    const keyBody = (await certificate()).privateKeyPem.split('\n')[5];
    const reads = [
      `${USER}.infinity.json`,
      `${USER}/keystore.json`,
      `${USER}/keystore.infinity.json`,
      `${USER}/keystore/entries/bp.json`,
      '/home.infinity.json',
      '/var/emulator.infinity.json',
      '/var/emulator/crypto.json',
      '/.infinity.json',
    ];
    for (const path of reads) {
      const body = await (await c.get(path)).text();
      expect([path, body.includes('PRIVATE KEY') || body.includes(keyBody) || body.includes('masterKey')]).toEqual([path, false]);
    }
    expect((await c.get(`${USER}/keystore.json`)).status).toBe(403);
  });
});

describe('2.7 / 2.8 IMS configuration servlets', () => {
  beforeEach(keystoreWithBp);
  const configNames = async () =>
    Object.keys((await (await c.get('/apps/system/config.1.json')).json()) as object).filter((n) => n.startsWith('com.adobe'));

  test('OAuth create answers the id as text and writes both .config files with the documented properties', async () => {
    const res = await c.write('/apps/bpsetup/ims/update', oauthForm('oauthclient1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const id = await res.text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const names = await configNames();
    expect(names).toEqual(
      expect.arrayContaining([
        `com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`,
        `com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.${id}.config`,
      ]),
    );
    const provider = await (await c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('auth.token.provider.title="Brand\\ Portal"');
    expect(provider).toContain('auth.access.token.request="https://ims-na1.adobelogin.com/ims/token/v3"');
    expect(provider).toContain('auth.token.provider.client.id="oauthclient1"');
    expect(provider).toContain('auth.token.provider.authorization.grants="client_credentials"');
    expect(provider).toContain('auth.token.provider.scope="openid,AdobeID"');
    expect(provider).toContain(`auth.token.provider.orgId="${ORG}"`);
    expect(provider).toContain(`auth.token.provider.default.claims=["\\"iss\\"\\ :\\ \\"${ORG}\\""]`);
    const customizer = await (
      await c.get(`/apps/system/config/com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.${id}.config`)
    ).text();
    expect(customizer).toMatch(/auth\.ims\.client\.secret="\{[0-9a-f]+\}"/);
    expect(customizer).not.toContain('p8e-secret-value-1234');
  });

  test('bad input answers 400 with a message, never a stack trace', async () => {
    const missing = await c.write('/apps/bpsetup/ims/update', oauthForm('x', { apiKey: '' }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe('Missing required parameter: apiKey');
    const notHttps = await c.write('/apps/bpsetup/ims/update', oauthForm('x', { authServerUrl: 'http://ims-na1.adobelogin.com' }));
    expect(notHttps.status).toBe(400);
    const badJson = await c.write('/apps/bpsetup/ims/update', jwtForm('x', 'bp', {}, { jwtClaims: '{"exp":' }));
    expect(await badJson.text()).toBe('The JWT payload (jwtClaims) is not valid JSON');
    const unknownAlias = await c.write('/apps/bpsetup/ims/update', jwtForm('x', 'nope', jwtPayload('x')));
    expect(unknownAlias.status).toBe(400);
    expect(await unknownAlias.text()).toContain('No certificate with alias nope');
  });

  test('JWT create stores alias, exchange URL and the payload as default claims', async () => {
    const id = await (await c.write('/apps/bpsetup/ims/update', jwtForm('jwtclient1', 'bp', jwtPayload('jwtclient1')))).text();
    const provider = await (await c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('auth.token.provider.keypair.alias="bp"');
    expect(provider).toContain('auth.access.token.request="https://ims-na1.adobelogin.com/ims/exchange/jwt"');
    expect(provider).toContain('ent_brand_portal_sdk');
    expect(provider).not.toContain('authorization.grants');
  });

  test('a duplicate is stored as a second configuration: AEM does not refuse it, the panel must', async () => {
    const before = (await configNames()).length;
    const a = await (await c.write('/apps/bpsetup/ims/update', oauthForm('dupclient'))).text();
    const b = await (await c.write('/apps/bpsetup/ims/update', oauthForm('dupclient'))).text();
    expect(a).not.toBe(b);
    expect((await configNames()).length).toBe(before + 4);
  });

  test('update by configurationId keeps the id; delete by full PID removes both files', async () => {
    const id = await (await c.write('/apps/bpsetup/ims/update', oauthForm('editclient'))).text();
    const again = await c.write(
      '/apps/bpsetup/ims/update',
      oauthForm('editclient', { title: 'Brand Portal renamed', configurationId: id }),
    );
    expect(await again.text()).toBe(id);
    const provider = await (await c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('Brand\\ Portal\\ renamed');

    const del = await c.write(
      '/apps/bpsetup/ims/delete',
      new URLSearchParams({ configurationIds: `com.adobe.granite.auth.oauth.accesstoken.provider.${id}` }),
    );
    expect(del.status).toBe(200);
    expect((await configNames()).some((n) => n.includes(id))).toBe(false);
    expect(
      (
        await c.write(
          '/apps/bpsetup/ims/delete',
          new URLSearchParams({ configurationIds: 'com.adobe.granite.auth.oauth.accesstoken.provider.nope' }),
        )
      ).status,
    ).toBe(404);
  });

  test('without a CSRF token nothing is written', async () => {
    const before = await configNames();
    expect((await c.post('/apps/bpsetup/ims/update', oauthForm('nocsrf'))).status).toBe(403);
    expect(await configNames()).toEqual(before);
  });
});

describe('2.9 Check Health through the IMS stub (2.11)', () => {
  beforeEach(async () => {
    await keystoreWithBp();
    await knownCredentials();
  });
  /** The package's health script, by the provider name AEM's servlet stored for this configuration. */
  const health = async (id: string) => {
    const file = await c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`);
    const name = String(parseFelixConfig(await file.text()).name);
    return (await (await c.get(`/apps/bpsetup/health.json?name=${encodeURIComponent(name)}`)).json()) as {
      name: string;
      healthy: boolean;
      message?: string;
      durationMs: number;
    };
  };

  test('OAuth: "Token retrieved successfully!" with a registered integration, and only reads were sent', async () => {
    const id = await (await c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 's3cret-oauth' }))).text();
    const since = emu.context.journal.lastSeq;
    expect(await health(id)).toEqual({ name: id, healthy: true, durationMs: expect.any(Number) });
    const requests = emu.context.journal.list(since);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.write)).toEqual([]);
  });

  test('OAuth failures carry the provider text with status and IMS body', async () => {
    const wrongSecret = await (await c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 'wrong' }))).text();
    const r1 = await health(wrongSecret);
    expect(r1.healthy).toBe(false);
    expect(r1.message).toMatch(
      /^com\.adobe\.granite\.auth\.oauth\.AccessTokenProvider failed to get access token from authorization server status: 401 response: \{"error":"invalid_client"/,
    );
    const badScope = await (
      await c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 's3cret-oauth', scope: 'openid,dam-admin' }))
    ).text();
    expect((await health(badScope)).message).toContain('status: 400 response: {"error":"invalid_scope"');
    const unknown = await (await c.write('/apps/bpsetup/ims/update', oauthForm('nobody'))).text();
    expect((await health(unknown)).message).toContain('status: 400 response: {"error":"invalid_client"');
  });

  test('JWT: real RS256 signature with the keystore key reaches "Token retrieved successfully!"', async () => {
    const id = await (await c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', jwtPayload('jwtok')))).text();
    expect(await health(id)).toMatchObject({ healthy: true });
  });

  test('JWT failures: tampered key, expired certificate, missing metascope, wrong audience, wrong org', async () => {
    const other = await createCertificate({ commonName: 'Other' });
    await registerIntegration(emu.url, {
      clientId: 'jwttampered',
      clientSecret: 'jwt-secret-value-5678',
      orgId: ORG,
      technicalAccountId: TECH,
      metascopes: ['ent_brand_portal_sdk'],
      certificatePem: other.certificatePem,
    });
    const tampered = await (await c.write('/apps/bpsetup/ims/update', jwtForm('jwttampered', 'bp', jwtPayload('jwttampered')))).text();
    expect((await health(tampered)).message).toContain('"error":"invalid_signature"');

    const expired = await createCertificate({ commonName: 'Expired', notBefore: new Date(Date.now() - 400 * 86400000), days: 365 });
    await registerIntegration(emu.url, {
      clientId: 'jwtexpired',
      clientSecret: 'jwt-secret-value-5678',
      orgId: ORG,
      technicalAccountId: TECH,
      metascopes: ['ent_brand_portal_sdk'],
      certificatePem: expired.certificatePem,
    });
    const exp = await (await c.write('/apps/bpsetup/ims/update', jwtForm('jwtexpired', 'bp', jwtPayload('jwtexpired')))).text();
    expect((await health(exp)).message).toMatch(
      /"error":"invalid_signature","error_description":"The certificate registered for this integration expired on/,
    );

    const noScope = jwtPayload('jwtok');
    delete noScope[`${IMS_HOST}/s/ent_brand_portal_sdk`];
    const ns = await (await c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', noScope))).text();
    expect((await health(ns)).message).toContain('"error":"invalid_scope"');

    const aud = await (
      await c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', jwtPayload('jwtok', { aud: `${IMS_HOST}/c/someone-else` })))
    ).text();
    expect((await health(aud)).message).toContain('"error":"invalid_client","error_description":"aud does not match the client_id"');

    const org = await (
      await c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', jwtPayload('jwtok', { iss: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg' })))
    ).text();
    expect((await health(org)).message).toContain('iss is not the organization of this integration');
  });

  test('Developer Console fixture: an uploaded certificate becomes a JWT credential that reaches a healthy configuration', async () => {
    const res = await controlFetch(`${emu.url}/__emulator/ims/jwt-credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ certificatePem: (await certificate()).certificatePem }),
    });
    expect(res.status).toBe(201);
    const cred = (await res.json()) as {
      clientId: string;
      clientSecret: string;
      orgId: string;
      technicalAccountId: string;
      metascopes: string[];
    };
    expect(cred.orgId).toMatch(/^[0-9A-F]{24}@AdobeOrg$/);
    expect(cred.technicalAccountId).toMatch(/^[0-9A-F]{24}@techacct\.adobe\.com$/);
    expect(cred.metascopes).toEqual(['ent_brand_portal_sdk']);
    const payload = jwtPayload(cred.clientId, { iss: cred.orgId, sub: cred.technicalAccountId });
    const id = await (
      await c.write(
        '/apps/bpsetup/ims/update',
        jwtForm(cred.clientId, 'bp', payload, { clientSecret: cred.clientSecret, title: 'From console' }),
      )
    ).text();
    expect(await health(id)).toMatchObject({ healthy: true });
    const page = await (await controlFetch(`${emu.url}/__emulator/developer-console.html`)).text();
    expect(page).toContain('<script src="/__emulator/developer-console.js"></script>');
    expect(page).not.toMatch(/<script>/);
    expect(await (await fetch(`${emu.url}/__emulator/developer-console.js`)).text()).toContain('/__emulator/ims/jwt-credentials');
  });

  test('unknown or missing name', async () => {
    expect((await c.get('/apps/bpsetup/health.json?name=nope')).status).toBe(404);
    expect((await c.get('/apps/bpsetup/health.json')).status).toBe(400);
  });
});

describe('2.11 IMS stub endpoints directly', () => {
  beforeEach(async () => {
    await keystoreWithBp();
    await knownCredentials();
  });
  test('JWT exchange accepts multipart with a trailing slash and rejects expired or undecodable tokens', async () => {
    const post = (form: FormData) => fetch(`${emu.url}/__ims/ims/exchange/jwt/`, { method: 'POST', body: form });
    const form = (jwt: string) => {
      const f = new FormData();
      f.set('client_id', 'jwtok');
      f.set('client_secret', 'jwt-secret-value-5678');
      f.set('jwt_token', jwt);
      return f;
    };
    const garbage = await post(form('not-a-jwt'));
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({ error: 'invalid_token', error_description: 'Could not decode JWT token' });

    const { signJwt } = await import('../../emulator/token-request');
    const { createPrivateKey } = await import('node:crypto');
    const key = createPrivateKey((await certificate()).privateKeyPem);
    const stale = signJwt(jwtPayload('jwtok', { exp: Math.floor(Date.now() / 1000) - 10 }), key);
    expect(await (await post(form(stale))).json()).toEqual({ error: 'invalid_token', error_description: 'JWT token is expired' });
    const good = await post(form(signJwt(jwtPayload('jwtok'), key)));
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ token_type: 'bearer', access_token: expect.any(String) });
  });

  test('the stub takes aud and metascope URLs under the host name the client used (localhost as well as 127.0.0.1)', async () => {
    const { signJwt } = await import('../../emulator/token-request');
    const { createPrivateKey } = await import('node:crypto');
    const key = createPrivateKey((await certificate()).privateKeyPem);
    const port = new URL(emu.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const base = `http://${host}/__ims`;
      const claims = { ...jwtPayload('jwtok'), aud: `${base}/c/jwtok`, [`${base}/s/ent_brand_portal_sdk`]: true };
      delete (claims as Record<string, unknown>)[`${IMS_HOST}/s/ent_brand_portal_sdk`];
      const f = new FormData();
      f.set('client_id', 'jwtok');
      f.set('client_secret', 'jwt-secret-value-5678');
      f.set('jwt_token', signJwt(claims, key));
      const res = await fetch(`${base}/ims/exchange/jwt/`, { method: 'POST', body: f });
      expect([host, res.status]).toEqual([host, 200]);
    }
  });

  test('v3 client_credentials: scope in the query works; wrong secret is 401 invalid_client', async () => {
    const ok = await fetch(`${emu.url}/__ims/ims/token/v3?scope=openid`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'oauthok', client_secret: 's3cret-oauth' }),
    });
    expect(await ok.json()).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
    const bad = await fetch(`${emu.url}/__ims/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'oauthok', client_secret: 'x' }),
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_client');
  });

  test('integrations list masks secrets and refuses a private key as certificate', async () => {
    const list = (await (await controlFetch(`${emu.url}/__emulator/ims/integrations`)).json()) as {
      integrations: { clientId: string; clientSecret: string }[];
    };
    const ok = list.integrations.find((i) => i.clientId === 'oauthok');
    expect(ok?.clientSecret).toBe('•••• auth (12 characters)');
    expect(JSON.stringify(list)).not.toContain('s3cret-oauth');
    const res = await registerIntegration(emu.url, {
      clientId: 'k',
      clientSecret: 's',
      orgId: ORG,
      technicalAccountId: TECH,
      certificatePem: (await certificate()).privateKeyPem,
    });
    expect(res.status).toBe(400);
  });
});
