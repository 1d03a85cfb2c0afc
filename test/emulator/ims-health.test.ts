/**
 * Contract tests over real HTTP: Check Health against the IMS stub on both authentication types,
 * with real RSA signatures, and the stub's own endpoints. (The keystore and the IMS
 * configuration servlets: ims.test.ts.)
 */
import { createCertificate } from '../../core/domain/certificate-factory';
import { controlFetch } from '../helpers/emulator';
import { IMS_HOST, ORG, TECH, certificate, jwtForm, jwtPayload, oauthForm, registerIntegration } from '../helpers/ims-fixtures';
import { imsEmulator } from '../helpers/ims-emulator';
import { parseFelixConfig } from '../../core/domain/felix-config';
import { findImsConfig } from '../../emulator/ims-configs';
import { checkHealth } from '../../emulator/token-request';
import type { EmulatorContext } from '../../emulator/context';

const ims = imsEmulator();

describe('2.9 Check Health through the IMS stub (2.11)', () => {
  beforeEach(async () => {
    await ims.keystoreWithBp();
    await ims.knownCredentials();
  });
  /** The package's health script, by the provider name AEM's servlet stored for this configuration. */
  const health = async (id: string) => {
    const file = await ims.c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`);
    const name = String(parseFelixConfig(await file.text()).name);
    return (await (await ims.c.get(`/apps/bpsetup/health.json?name=${encodeURIComponent(name)}`)).json()) as {
      name: string;
      healthy: boolean;
      message?: string;
      durationMs: number;
    };
  };

  test('OAuth: "Token retrieved successfully!" with a registered integration, and only reads were sent', async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 's3cret-oauth' }))).text();
    const since = ims.emu.context.journal.lastSeq;
    expect(await health(id)).toEqual({ name: id, healthy: true, durationMs: expect.any(Number) });
    const requests = ims.emu.context.journal.list(since);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.write)).toEqual([]);
  });

  test('OAuth failures carry the provider text with status and IMS body', async () => {
    const wrongSecret = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 'wrong' }))).text();
    const r1 = await health(wrongSecret);
    expect(r1.healthy).toBe(false);
    expect(r1.message).toMatch(
      /^com\.adobe\.granite\.auth\.oauth\.AccessTokenProvider failed to get access token from authorization server status: 401 response: \{"error":"invalid_client"/,
    );
    const badScope = await (
      await ims.c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 's3cret-oauth', scope: 'openid,dam-admin' }))
    ).text();
    expect((await health(badScope)).message).toContain('status: 400 response: {"error":"invalid_scope"');
    const unknown = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('nobody'))).text();
    expect((await health(unknown)).message).toContain('status: 400 response: {"error":"invalid_client"');
  });

  test("an IMS the author cannot reach is the provider's connection error, never a crash of the caller", async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('oauthok', { clientSecret: 's3cret-oauth' }))).text();
    const config = findImsConfig(ims.emu.context.repo, id);
    if (!config) throw new Error(`no configuration ${id}`);
    // The stub answers at the author's own address: the discard port, where nothing listens, stands for IMS going away.
    const gone = Object.create(ims.emu.context, { baseUrl: { value: 'http://127.0.0.1:9' } }) as EmulatorContext;
    expect(await checkHealth(gone, config)).toMatchObject({
      healthy: false,
      message: expect.stringMatching(/^com\.adobe\.granite\.auth\.oauth\.AccessTokenProvider failed.*java\.net\.ConnectException/),
    });
  });

  test('JWT: real RS256 signature with the keystore key reaches "Token retrieved successfully!"', async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', jwtPayload('jwtok')))).text();
    expect(await health(id)).toMatchObject({ healthy: true });
  });

  test('JWT failures: tampered key, expired certificate, missing metascope, wrong audience, wrong org', async () => {
    const other = await createCertificate({ commonName: 'Other' });
    await registerIntegration(ims.emu.url, {
      clientId: 'jwttampered',
      clientSecret: 'jwt-secret-value-5678',
      orgId: ORG,
      technicalAccountId: TECH,
      metascopes: ['ent_brand_portal_sdk'],
      certificatePem: other.certificatePem,
    });
    const tampered = await (await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwttampered', 'bp', jwtPayload('jwttampered')))).text();
    expect((await health(tampered)).message).toContain('"error":"invalid_signature"');

    const expired = await createCertificate({ commonName: 'Expired', notBefore: new Date(Date.now() - 400 * 86400000), days: 365 });
    await registerIntegration(ims.emu.url, {
      clientId: 'jwtexpired',
      clientSecret: 'jwt-secret-value-5678',
      orgId: ORG,
      technicalAccountId: TECH,
      metascopes: ['ent_brand_portal_sdk'],
      certificatePem: expired.certificatePem,
    });
    const exp = await (await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwtexpired', 'bp', jwtPayload('jwtexpired')))).text();
    expect((await health(exp)).message).toMatch(
      /"error":"invalid_signature","error_description":"The certificate registered for this integration expired on/,
    );

    const noScope = jwtPayload('jwtok');
    delete noScope[`${IMS_HOST}/s/ent_brand_portal_sdk`];
    const ns = await (await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', noScope))).text();
    expect((await health(ns)).message).toContain('"error":"invalid_scope"');

    const aud = await (
      await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwtok', 'bp', jwtPayload('jwtok', { aud: `${IMS_HOST}/c/someone-else` })))
    ).text();
    expect((await health(aud)).message).toContain('"error":"invalid_client","error_description":"aud does not match the client_id"');

    const org = await (
      await ims.c.write(
        '/apps/bpsetup/ims/update',
        jwtForm('jwtok', 'bp', jwtPayload('jwtok', { iss: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg' })),
      )
    ).text();
    expect((await health(org)).message).toContain('iss is not the organization of this integration');
  });

  test('Developer Console fixture: an uploaded certificate becomes a JWT credential that reaches a healthy configuration', async () => {
    const res = await controlFetch(`${ims.emu.url}/__emulator/ims/jwt-credentials`, {
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
      await ims.c.write(
        '/apps/bpsetup/ims/update',
        jwtForm(cred.clientId, 'bp', payload, { clientSecret: cred.clientSecret, title: 'From console' }),
      )
    ).text();
    expect(await health(id)).toMatchObject({ healthy: true });
    const page = await (await controlFetch(`${ims.emu.url}/__emulator/developer-console.html`)).text();
    expect(page).toContain('<script src="/__emulator/developer-console.js"></script>');
    expect(page).not.toMatch(/<script>/);
    expect(await (await fetch(`${ims.emu.url}/__emulator/developer-console.js`)).text()).toContain('/__emulator/ims/jwt-credentials');
  });

  test('unknown or missing name', async () => {
    expect((await ims.c.get('/apps/bpsetup/health.json?name=nope')).status).toBe(404);
    expect((await ims.c.get('/apps/bpsetup/health.json')).status).toBe(400);
  });
});

describe('2.11 IMS stub endpoints directly', () => {
  beforeEach(async () => {
    await ims.keystoreWithBp();
    await ims.knownCredentials();
  });
  test('JWT exchange accepts multipart with a trailing slash and rejects expired or undecodable tokens', async () => {
    const post = (form: FormData) => fetch(`${ims.emu.url}/__ims/ims/exchange/jwt/`, { method: 'POST', body: form });
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
    const port = new URL(ims.emu.url).port;
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
    const ok = await fetch(`${ims.emu.url}/__ims/ims/token/v3?scope=openid`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'oauthok', client_secret: 's3cret-oauth' }),
    });
    expect(await ok.json()).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
    const bad = await fetch(`${ims.emu.url}/__ims/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'oauthok', client_secret: 'x' }),
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_client');
  });

  test('integrations list masks secrets and refuses a private key as certificate', async () => {
    const list = (await (await controlFetch(`${ims.emu.url}/__emulator/ims/integrations`)).json()) as {
      integrations: { clientId: string; clientSecret: string }[];
    };
    const ok = list.integrations.find((i) => i.clientId === 'oauthok');
    expect(ok?.clientSecret).toBe('•••• (12 characters)');
    expect(JSON.stringify(list)).not.toContain('s3cret-oauth');
    const res = await registerIntegration(ims.emu.url, {
      clientId: 'k',
      clientSecret: 's',
      orgId: ORG,
      technicalAccountId: TECH,
      certificatePem: (await certificate()).privateKeyPem,
    });
    expect(res.status).toBe(400);
  });
});
