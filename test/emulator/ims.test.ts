/**
 * Contract tests over real HTTP, with the literal paths, parameters and texts of the contract
 * document: product info, the service user's keystore and certificates, and the IMS
 * configuration servlets. (Check Health and the IMS stub: ims-health.test.ts.)
 */
import { X509Certificate } from 'node:crypto';
import { createCertificate } from '../../core/domain/certificate-factory';
import { ORG, PRODUCT_INFO, certificate, createKeystore, jwtForm, jwtPayload, oauthForm, uploadKey } from '../helpers/ims-fixtures';
import { imsEmulator, messageOf, statusOf } from '../helpers/ims-emulator';
import { parseDateText } from '../../core/domain/java-date';
import { type StoredImsConfig, clientSecretOf, listImsConfigs as listStoredImsConfigs } from '../../emulator/ims-configs';
import { parseKeystoreJson } from '../../core/domain/keystore-json';

const ims = imsEmulator();

test("product info: the Felix printer's lines name the version the emulator claims", async () => {
  const lines = (await (await ims.c.get(PRODUCT_INFO)).json()) as string[];
  expect(lines[lines.indexOf('Installed Products') + 1]).toBe('  Adobe Experience Manager (6.5.17.0)');
});

describe('2.5 keystore of brandportal-imsconfig-service [contract: Users and the keystore] and 2.6 public key', () => {
  test('the service user sits at an Oak-style path that only a lookup finds', () => {
    expect(ims.USER).toMatch(/^\/home\/users\/system\/[A-Za-z0-9_-]{20}$/);
    expect(ims.USER).not.toContain('brandportal-imsconfig-service');
  });

  test('absent keystore reads as exists:false', async () => {
    expect(await (await ims.c.get(`${ims.USER}.ks.json`)).json()).toEqual({ exists: false });
  });

  test('create: CSRF required, passwords must match, then created once', async () => {
    const form = new URLSearchParams({ ':operation': 'createStore', newPassword: 'a', rePassword: 'a' });
    expect((await ims.c.post(`${ims.USER}.ks.html`, form)).status).toBe(403);
    const mismatch = await ims.c.write(
      `${ims.USER}.ks.html`,
      new URLSearchParams({ ':operation': 'createStore', newPassword: 'a', rePassword: 'b' }),
    );
    expect(mismatch.status).toBe(400);
    expect(messageOf(await mismatch.text())).toBe('The keystore passwords do not match.');
    const ok = await createKeystore(ims.c);
    expect(statusOf(await ok.text())).toBe('200');
    expect((await createKeystore(ims.c)).status).toBe(409);
  });

  test('upload a key pair (DER key, no :operation); ks.json: no exists flag, Java dates, exact serial', async () => {
    await ims.keystore();
    const cert = await certificate();
    expect((await uploadKey(ims.c, 'bp', cert)).status).toBe(200);
    const text = await (await ims.c.get(`${ims.USER}.ks.json`)).text();
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
    await ims.keystoreWithBp();
    const cert = await certificate();
    const pem = await uploadKey(ims.c, 'other', cert, { pkAsPem: true });
    expect(pem.status).toBe(500);
    expect(messageOf(await pem.text())).toContain('not an unencrypted PKCS#8 DER file');
    expect((await uploadKey(ims.c, 'bp', cert)).status).toBe(409);
    const stranger = await createCertificate({ commonName: 'Stranger' });
    const res = await uploadKey(ims.c, 'mixed', { certificatePem: cert.certificatePem, privateKeyPem: stranger.privateKeyPem });
    expect(res.status).toBe(400);
    expect(messageOf(await res.text())).toBe('The private key does not belong to the certificate.');
    expect((await uploadKey(ims.c, 'spare', cert)).status).toBe(200); // the same key under a second alias
    expect(statusOf(await (await ims.c.write(`${ims.USER}.ks.html`, new URLSearchParams({ removeAlias: 'spare' }))).text())).toBe('200');
    const aliases = ((await (await ims.c.get(`${ims.USER}.ks.json`)).json()) as { aliases: { alias: string }[] }).aliases.map(
      (a) => a.alias,
    );
    expect(aliases).toEqual(['bp']);
    // No guessed operation exists: a made-up one is refused.
    expect((await ims.c.write(`${ims.USER}.ks.html`, new URLSearchParams({ ':operation': 'generate', alias: 'x' }))).status).toBe(400);
  });

  test('public key download (interim address): AEM-Adobe-IMS.crt, PEM certificate only', async () => {
    await ims.keystoreWithBp();
    const res = await ims.c.get('/apps/bpsetup/unverified/public-key.crt?alias=bp');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="AEM-Adobe-IMS.crt"');
    const pem = await res.text();
    expect(pem).toBe((await certificate()).certificatePem.replace(/\r\n/g, '\n'));
    expect(pem).not.toContain('PRIVATE KEY');
    expect((await ims.c.get('/apps/bpsetup/unverified/public-key.crt?alias=missing')).status).toBe(404);
  });

  test('the private key never leaves through HTTP', async () => {
    await ims.keystoreWithBp();
    const keyBody = (await certificate()).privateKeyPem.split('\n')[5];
    const reads = [
      `${ims.USER}.infinity.json`,
      `${ims.USER}/keystore.json`,
      `${ims.USER}/keystore.infinity.json`,
      `${ims.USER}/keystore/entries/bp.json`,
      '/home.infinity.json',
      '/var/emulator.infinity.json',
      '/var/emulator/crypto.json',
      '/.infinity.json',
    ];
    for (const path of reads) {
      const body = await (await ims.c.get(path)).text();
      expect([path, body.includes('PRIVATE KEY') || body.includes(keyBody) || body.includes('masterKey')]).toEqual([path, false]);
    }
    expect((await ims.c.get(`${ims.USER}/keystore.json`)).status).toBe(403);
  });
});

describe('2.7 / 2.8 IMS configuration servlets', () => {
  beforeEach(() => ims.keystoreWithBp());
  const configNames = async () =>
    Object.keys((await (await ims.c.get('/apps/system/config.1.json')).json()) as object).filter((n) => n.startsWith('com.adobe'));

  test('OAuth create answers the id as text and writes both .config files with the documented properties', async () => {
    const res = await ims.c.write('/apps/bpsetup/ims/update', oauthForm('oauthclient1'));
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
    const provider = await (await ims.c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('auth.token.provider.title="Brand\\ Portal"');
    expect(provider).toContain('auth.access.token.request="https://ims-na1.adobelogin.com/ims/token/v3"');
    expect(provider).toContain('auth.token.provider.client.id="oauthclient1"');
    expect(provider).toContain('auth.token.provider.authorization.grants="client_credentials"');
    expect(provider).toContain('auth.token.provider.scope="openid,AdobeID"');
    expect(provider).toContain(`auth.token.provider.orgId="${ORG}"`);
    expect(provider).toContain(`auth.token.provider.default.claims=["\\"iss\\"\\ :\\ \\"${ORG}\\""]`);
    const customizer = await (
      await ims.c.get(`/apps/system/config/com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.${id}.config`)
    ).text();
    expect(customizer).toMatch(/auth\.ims\.client\.secret="\{[0-9a-f]+\}"/);
    expect(customizer).not.toContain('p8e-secret-value-1234');
    // The pair as AEM's metatype names it: the provider's token.request.customizer.type (no auth.
    // prefix) equals the customizer's customizer.type; no validator type of another provider's.
    expect(provider).toContain(`\ntoken.request.customizer.type="${id}"`);
    expect(customizer).toContain(`customizer.type="${id}"`);
    expect(provider).not.toMatch(/auth\.token\.request\.customizer|similaritysearch/);
  });

  test('a provider pairs with the customizer its pairing property names, not by file name', async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('pairclient'))).text();
    const repo = ims.emu.context.repo;
    const folder = '/apps/system/config';
    const customizerFile = `com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.${id}.config`;
    const providerFile = `com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`;
    const stored = () => listStoredImsConfigs(repo).find((c) => c.id === id);
    expect(stored()?.customizerFile).toBe(customizerFile);
    // The customizer under another file name, same type: still its pair.
    const customizer = repo.readFile(`${folder}/${customizerFile}`) as Buffer;
    repo.change((tx) => {
      tx.remove(`${folder}/${customizerFile}`);
      tx.writeFile(`${folder}/com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.other.config`, customizer, 'text/plain');
    });
    expect(stored()?.customizerFile).toBe('com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.other.config');
    // A provider that names no customizer has none, so no client secret reaches IMS.
    const provider = (repo.readFile(`${folder}/${providerFile}`) as Buffer).toString('utf8');
    repo.change((tx) =>
      tx.writeFile(`${folder}/${providerFile}`, Buffer.from(provider.replace(/^token\.request\.customizer\.type=.*$/m, '')), 'text/plain'),
    );
    expect(stored()?.customizerFile).toBeUndefined();
    expect(clientSecretOf(repo, stored() as StoredImsConfig)).toBe('');
  });

  test('bad input answers 400 with a message, never a stack trace', async () => {
    const missing = await ims.c.write('/apps/bpsetup/ims/update', oauthForm('x', { apiKey: '' }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe('Missing required parameter: apiKey');
    const notHttps = await ims.c.write('/apps/bpsetup/ims/update', oauthForm('x', { authServerUrl: 'http://ims-na1.adobelogin.com' }));
    expect(notHttps.status).toBe(400);
    const badJson = await ims.c.write('/apps/bpsetup/ims/update', jwtForm('x', 'bp', {}, { jwtClaims: '{"exp":' }));
    expect(await badJson.text()).toBe('The JWT payload (jwtClaims) is not valid JSON');
    const unknownAlias = await ims.c.write('/apps/bpsetup/ims/update', jwtForm('x', 'nope', jwtPayload('x')));
    expect(unknownAlias.status).toBe(400);
    expect(await unknownAlias.text()).toContain('No certificate with alias nope');
  });

  test('JWT create stores alias, exchange URL and the payload as default claims', async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', jwtForm('jwtclient1', 'bp', jwtPayload('jwtclient1')))).text();
    const provider = await (await ims.c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('auth.token.provider.keypair.alias="bp"');
    expect(provider).toContain('auth.access.token.request="https://ims-na1.adobelogin.com/ims/exchange/jwt"');
    expect(provider).toContain('ent_brand_portal_sdk');
    expect(provider).not.toContain('authorization.grants');
  });

  test('a duplicate is stored as a second configuration: AEM does not refuse it, the panel must', async () => {
    const before = (await configNames()).length;
    const a = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('dupclient'))).text();
    const b = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('dupclient'))).text();
    expect(a).not.toBe(b);
    expect((await configNames()).length).toBe(before + 4);
  });

  test('update by configurationId keeps the id; delete by full PID removes both files', async () => {
    const id = await (await ims.c.write('/apps/bpsetup/ims/update', oauthForm('editclient'))).text();
    const again = await ims.c.write(
      '/apps/bpsetup/ims/update',
      oauthForm('editclient', { title: 'Brand Portal renamed', configurationId: id }),
    );
    expect(await again.text()).toBe(id);
    const provider = await (await ims.c.get(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)).text();
    expect(provider).toContain('Brand\\ Portal\\ renamed');

    const del = await ims.c.write(
      '/apps/bpsetup/ims/delete',
      new URLSearchParams({ configurationIds: `com.adobe.granite.auth.oauth.accesstoken.provider.${id}` }),
    );
    expect(del.status).toBe(200);
    expect((await configNames()).some((n) => n.includes(id))).toBe(false);
    expect(
      (
        await ims.c.write(
          '/apps/bpsetup/ims/delete',
          new URLSearchParams({ configurationIds: 'com.adobe.granite.auth.oauth.accesstoken.provider.nope' }),
        )
      ).status,
    ).toBe(404);
  });

  test('without a CSRF token nothing is written', async () => {
    const before = await configNames();
    expect((await ims.c.post('/apps/bpsetup/ims/update', oauthForm('nocsrf'))).status).toBe(403);
    expect(await configNames()).toEqual(before);
  });
});
