/**
 * The certificate step in jsdom with real Coral: when the keystore is created but the key upload
 * fails, the retry uses the keystore that now exists instead of creating it twice.
 */
import { mountSetupPage } from '../../../ui.frontend/src/app/mount-page';
import type { SetupPage } from '../../../ui.frontend/src/app/setup-page';
import { onDemandSettled } from '../../../ui.frontend/src/ui/on-demand';
import { fakeAem, json, text, token, SERVICE_USER, productInfoJson, serviceUserQuery } from '../../helpers/fake-aem';

jest.mock('../../../ui.frontend/src/features/certificate/certificate-tools', () => ({
  createCertificate: async () => ({
    certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    privateKeyPem: '-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n',
  }),
  inspectPem: () => ({ kind: 'empty' }),
}));

const sling = (status: number, message: string) =>
  text(`<div id="Status">${status}</div><div id="Message">${message}</div>`, status, 'text/html');
const settle = async (until: () => boolean) => {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setTimeout(r, 5));
};

// jsdom has no object URLs; the download link only needs one.
URL.createObjectURL = jest.fn(() => 'blob:certificate');

test('keystore created, key upload failed: the retry adds the key to the existing keystore', async () => {
  let keystoreExists = false;
  const operations: string[] = [];
  const fake = fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.5.0'),
    'GET /bin/querybuilder.json': serviceUserQuery,
    'GET /apps/system/config.1.json': () => json({}),
    [`GET ${SERVICE_USER}.ks.json`]: () => json({ exists: keystoreExists, aliases: [] }),
    'GET /libs/granite/csrf/token.json': token(),
    [`POST ${SERVICE_USER}.ks.html`]: (call) => {
      const body = call.body as URLSearchParams | FormData;
      // Adding a key takes no :operation [contract: Users and the keystore]: it is the upload of alias, pk and cert-chain.
      const op = body.get(':operation') ? String(body.get(':operation')) : body.get('alias') ? 'add' : 'other';
      operations.push(op);
      if (op === 'createStore') {
        keystoreExists = true;
        return sling(200, 'Keystore created');
      }
      return operations.filter((o) => o === 'add').length === 1 ? sling(500, 'disk full') : sling(200, 'Key pair added');
    },
  });
  document.body.innerHTML = '<div id="bpsetup-root"></div>';
  const root = document.getElementById('bpsetup-root') as HTMLElement;
  await (mountSetupPage(root) as SetupPage).refresh();
  await onDemandSettled();
  // Certificates serve only the legacy JWT route: the keystore work arrives once it is chosen.
  (root.querySelector('.bpsetup-legacy-jwt-toggle input') as HTMLInputElement).click();
  await settle(() => Boolean(root.querySelector('[data-field="keystorePassword"]')));

  const fill = (name: string, value: string) => {
    const input = root.querySelector(`[data-field="${name}"] input`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  fill('keystorePassword', 'secret-1');
  fill('keystorePasswordRepeat', 'secret-1');
  (root.querySelector('.bpsetup-create-certificate') as HTMLButtonElement).click();
  await settle(() => Boolean(root.querySelector('.bpsetup-cert-status .bpsetup-retry')));
  expect(root.querySelector('.bpsetup-cert-status')?.textContent).toContain('500');
  // The page now knows the keystore exists: AEM opens it itself, so no password is asked for.
  expect((root.querySelector('[data-field="keystorePassword"]') as HTMLElement).hidden).toBe(true);
  expect((root.querySelector('[data-field="keystorePasswordRepeat"]') as HTMLElement).hidden).toBe(true);

  (root.querySelector('.bpsetup-cert-status .bpsetup-retry') as HTMLButtonElement).click();
  await settle(() => Boolean(root.querySelector('.bpsetup-download-created')));
  // One creation only; the failed upload, then the retried one.
  expect(operations).toEqual(['createStore', 'add', 'add']);
  expect(root.querySelector('.bpsetup-cert-status')?.textContent).toContain('Certificate "brandportal" created');
  expect(fake.writes().every((w) => w.headers.get('CSRF-Token') === 'tok')).toBe(true);
});

test('downloading an existing certificate: the address is unknown, so nothing is asked and the page says where to get it', async () => {
  const cert = {
    subject: 'C=US, CN=Adobe Brand Portal',
    issuer: 'C=US, CN=Adobe Brand Portal',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    serialNumber: '01',
  };
  const fake = fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.5.0'),
    'GET /bin/querybuilder.json': serviceUserQuery,
    'GET /apps/system/config.1.json': () => json({}),
    [`GET ${SERVICE_USER}.ks.json`]: () =>
      json({ exists: true, aliases: [{ alias: 'bp', entryType: 'privateKey', algorithm: 'RSA', format: 'PKCS#8', chain: [cert] }] }),
  });
  document.body.innerHTML = '<div id="bpsetup-root"></div>';
  const root = document.getElementById('bpsetup-root') as HTMLElement;
  await (mountSetupPage(root) as SetupPage).refresh();
  await onDemandSettled();
  // The keystore is read once the legacy JWT route is chosen.
  (root.querySelector('.bpsetup-legacy-jwt-toggle input') as HTMLInputElement).click();
  await settle(() => Boolean(root.querySelector('tr[data-alias="bp"]')));
  (root.querySelector('tr[data-alias="bp"] .bpsetup-download-alias') as HTMLButtonElement).click();
  await settle(() => Boolean(root.querySelector('.bpsetup-cert-status coral-alert')));
  expect(root.querySelector('.bpsetup-cert-status')?.textContent).toContain('The page does not know where this AEM offers this action');
  expect(root.querySelector('.bpsetup-cert-status a.bpsetup-console-link')?.getAttribute('href')).toBe('/security/users.html');
  expect(fake.calls.filter((c) => c.url.includes('public-key'))).toEqual([]);
});
