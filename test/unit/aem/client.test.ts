/** The typed AEM calls, bound to one session, against a scripted AEM: forms sent, answers read, degrade. */
import { type AemClient, createAemClient } from '../../../core/aem/client';
import { createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import {
  AemHttpError,
  EndpointUnavailableError,
  HealthUnavailableError,
  ServletNotBoundError,
  ServletNotProvenError,
} from '../../../core/errors';
import { fakeAem, json, text, token } from '../../helpers/fake-aem';
import { IMS_LIST_LIMITS, imsConfigForm } from '../../../core/aem/ims-client';
import { isAemError } from '../../../core/errors';
import { explainRequestError } from '../../../core/domain/explain-request';
import { ENDPOINTS } from '../../../core/contract/endpoints';

let client: AemClient;
beforeEach(() => {
  client = createAemClient(createAemSession({ transport: browserTransport }));
});

describe('client', () => {
  test('listImsConfigs reads the folder, then each provider file, ignoring other configs', async () => {
    fakeAem({
      'GET /apps/system/config.1.json': () =>
        json({
          'jcr:primaryType': 'nt:folder',
          'com.adobe.granite.auth.oauth.accesstoken.provider.abc.config': {},
          'com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.abc.config': {},
          'org.apache.sling.Other.config': {},
        }),
      'GET /apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.abc.config': () =>
        text(
          'auth.token.provider.title="Brand\\ Portal"\nauth.token.provider.client.id="cid"\nauth.token.provider.authorization.grants="client_credentials"\nauth.token.provider.scope="openid,AdobeID"\nauth.token.provider.orgId="O@AdobeOrg"\n',
        ),
    });
    expect(await client.listImsConfigs()).toEqual([
      expect.objectContaining({
        id: 'abc',
        pid: 'com.adobe.granite.auth.oauth.accesstoken.provider.abc',
        title: 'Brand Portal',
        clientId: 'cid',
        authType: 'oauth',
        scopes: ['openid', 'AdobeID'],
        orgId: 'O@AdobeOrg',
      }),
    ]);
  });

  test('listImsConfigs reads at most six files at once, and refuses a folder listing more than it reads (nothing read one by one)', async () => {
    const provider = (i: number) => `com.adobe.granite.auth.oauth.accesstoken.provider.id${i}.config`;
    const listing = (n: number) => json(Object.fromEntries(Array.from({ length: n }, (_, i) => [provider(i), {}])));
    let inFlight = 0;
    let most = 0;
    const routes: Parameters<typeof fakeAem>[0] = { 'GET /apps/system/config.1.json': () => listing(30) };
    for (let i = 0; i < 30; i++)
      routes[`GET /apps/system/config/${provider(i)}`] = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return text(`auth.token.provider.title="C${i}"\nauth.token.provider.client.id="c${i}"\n`);
      };
    fakeAem(routes);
    expect(await client.listImsConfigs()).toHaveLength(30);
    expect(most).toBe(IMS_LIST_LIMITS.parallel);

    const aem = fakeAem({ 'GET /apps/system/config.1.json': () => listing(IMS_LIST_LIMITS.files + 1) });
    const error = await client.listImsConfigs().catch((e: unknown) => e);
    expect(isAemError(error, 'ListTooLongError') && error.count).toBe(IMS_LIST_LIMITS.files + 1);
    expect(aem.calls).toHaveLength(1);
    expect(explainRequestError(error, ENDPOINTS).title).toBe('AEM lists far more IMS configurations than an author has');
  });

  test('saveImsConfig sends the contract parameters and answers the id; a Sling page is "not bound" and is cleaned up', async () => {
    const TYPE = 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/update';
    // The package's node, proven to carry the IMS servlet's resource type before each secret-bearing POST.
    let stored: Record<string, string> = { 'sling:resourceType': TYPE };
    const aem = fakeAem({
      'GET /libs/granite/csrf/token.json': token(),
      'POST /apps/bpsetup/ims/update': [
        text('new-id\n'),
        // The default POST servlet stored the form (secret included) and answered its status page, echoing the secret.
        text('<div id="Status">200</div><div id="Message">Content modified clientSecret=s3cret-value</div>', 200, 'text/html'),
        text('<div id="Status">200</div>', 200, 'text/html'),
      ],
      'GET /apps/bpsetup/ims/update.0.json': () => json(stored),
    });
    const input = {
      authType: 'jwt' as const,
      title: ' Brand Portal ',
      authServerUrl: 'https://ims-na1.adobelogin.com/',
      clientId: 'cid',
      clientSecret: 's',
      orgId: 'O@AdobeOrg',
      technicalAccountId: 'T@techacct.adobe.com',
      jwtPayload: '{"exp":1}',
      keyAlias: 'bp',
    };
    expect(await client.saveImsConfig(input)).toBe('new-id');
    const body = Object.fromEntries(new URLSearchParams(String(aem.writes()[0].body)));
    expect(body).toEqual({
      cloudServiceName: 'Adobe Brand Portal',
      keypairAliases: 'bp',
      keypairAlias: 'bp',
      newKeypairAlias: 'bp',
      title: 'Brand Portal',
      authServerUrl: 'https://ims-na1.adobelogin.com',
      apiKey: 'cid',
      clientSecret: 's',
      jwtClaims: '{"exp":1}',
    });
    stored = { 'jcr:primaryType': 'nt:unstructured', 'sling:resourceType': TYPE };
    const miss = await client.saveImsConfig({ ...input, clientSecret: 's3cret-value' }).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(ServletNotBoundError);
    expect((miss as ServletNotBoundError).leftProperties).toEqual([]);
    expect((miss as ServletNotBoundError).body).not.toContain('s3cret-value');
    // A node without the resource type gets nothing: the secret is not sent.
    stored = { 'jcr:primaryType': 'nt:unstructured' };
    const writesBefore = aem.writes().length;
    await expect(client.saveImsConfig(input)).rejects.toBeInstanceOf(ServletNotProvenError);
    expect(aem.writes()).toHaveLength(writesBefore);
    // The clean-up deletes every field it sent, by name only: the secret is not sent again.
    const cleanup = new URLSearchParams(String(aem.writes()[2].body));
    expect([...cleanup.keys()]).toEqual(expect.arrayContaining(['clientSecret@Delete', 'apiKey@Delete', 'title@Delete']));
    expect(String(aem.writes()[2].body)).not.toContain('s3cret-value');
    // Each secret-bearing POST went once: no retry of the save itself.
    expect(aem.writes().filter((w) => String(w.body).includes('s3cret-value'))).toHaveLength(1);
    const oauth = Object.fromEntries(imsConfigForm({ ...input, authType: 'oauth', scopes: ['openid', 'AdobeID'], configurationId: 'x' }));
    expect(oauth).toEqual({
      authType: 'oauth',
      title: 'Brand Portal',
      authServerUrl: 'https://ims-na1.adobelogin.com',
      apiKey: 'cid',
      clientSecret: 's',
      orgId: 'O@AdobeOrg',
      scope: 'openid,AdobeID',
      configurationId: 'x',
    });
  });

  test('Check Health: the health script by name; anything but its own answer is "cannot be checked"', async () => {
    const config = { id: 'i1', name: 'bp name', title: 'Brand Portal' };
    const asked: string[] = [];
    const answers = [
      json({ name: 'bp name', healthy: true, durationMs: 12 }),
      json({
        name: 'bp name',
        healthy: false,
        status: 401,
        error: 'invalid_client',
        errorDescription: 'x',
        message: 'failed status: 401',
        durationMs: 3,
      }),
      // AEM's provider may quote its request in the message: the secret never leaves the client.
      json({ name: 'bp name', healthy: false, error: 'invalid_client', message: 'refused client_secret=p8e-quoted-back-123 by IMS' }),
      json({ error: 'unknown-configuration', name: 'bp name', message: 'No active access-token provider has this name on this AEM.' }, 404),
      json({ error: 'not-administrator', message: 'Only members of administrators may run Check Health.' }, 403),
      text('<html>404</html>', 404, 'text/html'),
      text('<html>org.apache.sling.scripting.jsp.jasper.JasperException</html>', 500, 'text/html'),
      json({ 'jcr:primaryType': 'nt:folder', 'sling:resourceType': 'bpsetup/components/health' }),
    ];
    fakeAem({
      'GET /apps/bpsetup/health.json': (call) => {
        asked.push(new URL(call.url, 'http://x').search);
        return answers.shift() as Response;
      },
      'GET /system/console/status-productinfo.json': () => text('', 405, 'text/html'),
    });
    await expect(client.checkHealth(config)).resolves.toEqual({
      id: 'i1',
      title: 'Brand Portal',
      healthy: true,
      message: 'Brand Portal: Token retrieved successfully!',
      durationMs: 12,
    });
    await expect(client.checkHealth(config)).resolves.toMatchObject({
      healthy: false,
      error: 'invalid_client',
      message: 'failed status: 401',
    });
    const quoted = await client.checkHealth(config);
    expect(quoted.message).toMatch(/^refused client_secret=\S+ by IMS$/);
    expect(quoted.message).not.toContain('p8e-quoted-back-123');
    await expect(client.checkHealth(config)).resolves.toMatchObject({ healthy: false, error: 'unknown-configuration' });
    await expect(client.checkHealth(config)).rejects.toBeInstanceOf(AemHttpError);
    await expect(client.checkHealth(config)).rejects.toBeInstanceOf(HealthUnavailableError);
    await expect(client.checkHealth(config)).rejects.toBeInstanceOf(HealthUnavailableError);
    await expect(client.checkHealth(config)).rejects.toBeInstanceOf(HealthUnavailableError);
    expect(asked[0]).toBe('?name=bp+name');
    await expect(client.productInfo()).rejects.toBeInstanceOf(EndpointUnavailableError);
  });

  test('product info: the version from either shape of the Felix printer', async () => {
    const lines = ['Adobe Experience Manager', '', 'Installed Products', '  Adobe Experience Manager (6.5.17.0)', '', 'Installed Features'];
    fakeAem({ 'GET /system/console/status-productinfo.json': [json(lines), json({ value: lines }), json(['nothing here'])] });
    await expect(client.productInfo()).resolves.toEqual({ version: '6.5.17.0' });
    await expect(client.productInfo()).resolves.toEqual({ version: '6.5.17.0' });
    await expect(client.productInfo()).rejects.toBeInstanceOf(AemHttpError);
  });

  test('keystore: the user is looked up; a servlet 403 is not retried; the key travels as DER with no :operation', async () => {
    const USER = '/home/users/system/Xq3_rT9v0aBcDeFgHiJk';
    const KEY = `-----BEGIN PRIVATE KEY-----\n${btoa('0123456789abcdef')}\n-----END PRIVATE KEY-----\n`;
    const aem = fakeAem({
      'GET /libs/granite/csrf/token.json': token(),
      'GET /bin/querybuilder.json': () =>
        json({ success: true, hits: [{ 'jcr:path': USER, 'rep:authorizableId': 'brandportal-imsconfig-service' }] }),
      [`POST ${USER}.ks.html`]: [
        text('<div id="Status">403</div><div id="Message">Not allowed.</div>', 403, 'text/html'),
        // The CSRF filter's own refusal (no status page) is retried once with a fresh token.
        text('Forbidden', 403, 'text/html'),
        text('<div id="Status">200</div>', 200, 'text/html'),
      ],
      [`GET ${USER}.ks.json`]: () =>
        new Response(
          '{"aliases":[{"alias":"bp","entryType":"privateKey","algorithm":"RSA","format":"PKCS#8","chain":[{"subject":"CN=x","issuer":"CN=x","notBefore":"Sun Jul 01 12:00:00 AEST 2018","notAfter":"Mon Jul 01 12:00:00 AEST 2030","serialNumber":123456789012345678901234567890}]}]}',
          { headers: { 'Content-Type': 'application/json' } },
        ),
    });
    await expect(client.addKeyPair('bp', KEY, 'CERT')).rejects.toMatchObject({ status: 403 });
    expect(aem.writes()).toHaveLength(1);
    await client.addKeyPair('bp', KEY, 'CERT');
    expect(aem.writes()).toHaveLength(3);
    const form = aem.writes()[2].body as FormData;
    expect(form.get(':operation')).toBeNull();
    expect(form.get('alias')).toBe('bp');
    const pk = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(form.get('pk') as Blob);
    });
    expect(pk).toBe('0123456789abcdef');
    expect(form.get('cert-chain')).toBeInstanceOf(Blob);
    const ks = await client.keystore();
    expect(ks.exists).toBe(true);
    expect(ks.aliases[0].chain[0].serialNumber).toBe('123456789012345678901234567890');
    expect(aem.calls.filter((c) => c.url.startsWith('/bin/querybuilder.json'))).toHaveLength(1);
    expect(
      new URL(aem.calls.find((c) => c.url.startsWith('/bin/querybuilder.json'))!.url, 'http://x').searchParams.get('1_property.value'),
    ).toBe('brandportal-imsconfig-service');
  });
});
