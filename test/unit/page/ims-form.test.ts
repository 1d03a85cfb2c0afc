/** The setup page's IMS step in jsdom with real Coral and the Granite foundation APIs. */
import { mountSetupPage } from '../../../ui.frontend/src/app/mount-page';
import type { SetupPage } from '../../../ui.frontend/src/app/setup-page';
import { onDemandSettled } from '../../../ui.frontend/src/ui/on-demand';
import { fakeAem, json, text, token, SERVICE_USER, productInfoJson, serviceUserQuery } from '../../helpers/fake-aem';

const PROVIDER = 'com.adobe.granite.auth.oauth.accesstoken.provider.new1.config';
let saved = false;

function aem() {
  saved = false;
  return fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.21.0'),
    'GET /bin/querybuilder.json': serviceUserQuery,
    [`GET ${SERVICE_USER}.ks.json`]: () => json({ exists: false, aliases: [] }),
    'GET /apps/system/config.1.json': () => json(saved ? { [PROVIDER]: {} } : {}),
    [`GET /apps/system/config/${PROVIDER}`]: () =>
      // What AEM stores for the form sent below (read back and compared after the save).
      text(
        [
          'name="new1"',
          'auth.token.provider.title="Brand\\ Portal"',
          'auth.token.provider.client.id="a1b2c3d4e5f60718293a4b5c6d7e8f90"',
          'auth.token.provider.authorization.grants="client_credentials"',
          'auth.token.provider.orgId="0123456789ABCDEF01234567@AdobeOrg"',
          'auth.token.provider.scope="openid,AdobeID"',
          'auth.access.token.request="https://ims-na1.adobelogin.com/ims/token/v3"',
          '',
        ].join('\n'),
      ),
    'GET /libs/granite/csrf/token.json': token(),
    'GET /apps/bpsetup/ims/update.0.json': () =>
      json({ 'sling:resourceType': 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/update' }),
    'POST /apps/bpsetup/ims/update': () => {
      saved = true;
      return text('new1');
    },
    'GET /apps/bpsetup/health.json': () => json({ name: 'new1', healthy: true, durationMs: 40 }),
  });
}

const settle = () => new Promise((r) => setTimeout(r, 0));
async function mount(): Promise<HTMLElement> {
  document.body.innerHTML = '<div id="bpsetup-root"></div>';
  const root = document.getElementById('bpsetup-root') as HTMLElement;
  const page = mountSetupPage(root) as SetupPage;
  await page.refresh();
  await onDemandSettled(); // the form is a part, fetched once the step needs it
  return root;
}

function type(root: HTMLElement, name: string, value: string): HTMLInputElement {
  const input = root.querySelector(
    `.bpsetup-ims-form [data-field="${name}"] input, .bpsetup-ims-form [data-field="${name}"] textarea`,
  ) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
  return input;
}
const messageOf = (root: HTMLElement, name: string) =>
  root.querySelector(`.bpsetup-ims-form [data-field="${name}"] .bpsetup-field-message`)?.textContent;
const submit = (root: HTMLElement) => root.querySelector('.bpsetup-ims-submit') as HTMLButtonElement;

test('a wrong field shows its message next to it; submit stays enabled (Enter explains) and sends nothing', async () => {
  const fake = aem();
  const root = await mount();
  const org = type(root, 'orgId', 'not-an-org');
  expect(messageOf(root, 'orgId')).toContain('must end with @AdobeOrg');
  expect((org as unknown as { invalid: boolean }).invalid).toBe(true);
  expect(org.getAttribute('aria-describedby')).toBe(org.parentElement?.querySelector('.bpsetup-field-message')?.id);
  expect(submit(root).disabled).toBe(false);
  (root.querySelector('.bpsetup-ims-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  expect(fake.writes()).toEqual([]);
  // Keyboard users land on the first field to correct (the client ID, first of the wrong ones).
  expect(document.activeElement).toBe(root.querySelector('.bpsetup-ims-form [data-field="clientId"] input'));
  // Every required field now says what it needs.
  expect(messageOf(root, 'clientId')).toContain('Enter the client ID');
});

test('Granite foundation-validation judges our fields as the page does', async () => {
  aem();
  const root = await mount();
  const org = type(root, 'orgId', 'nope');
  const validation = window.Granite?.$(org).adaptTo('foundation-validation');
  expect(validation?.checkValidity()).toBe(false);
  type(root, 'orgId', '0123456789ABCDEF01234567@AdobeOrg');
  expect(validation?.checkValidity()).toBe(true);
});

test('the JWT payload is checked against the ids typed above it', async () => {
  aem();
  const root = await mount();
  // JWT sits behind an explicit legacy choice.
  expect((root.querySelector('coral-radio.bpsetup-auth-jwt') as HTMLElement).hidden).toBe(true);
  (root.querySelector('.bpsetup-legacy-jwt-toggle input') as HTMLInputElement).click();
  expect(root.querySelector('.bpsetup-auth-note')?.textContent).toContain('March 1, 2026');
  (root.querySelector('.bpsetup-auth-jwt input') as HTMLInputElement).click();
  type(root, 'orgId', '0123456789ABCDEF01234567@AdobeOrg');
  type(
    root,
    'jwtPayload',
    JSON.stringify({
      exp: Math.floor(Date.now() / 1000) + 600,
      iss: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg',
      sub: 'x@techacct.adobe.com',
      aud: 'https://ims-na1.adobelogin.com/c/x',
      'https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk': true,
    }),
  );
  expect(messageOf(root, 'jwtPayload')).toContain('Claim "iss" (FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg) is not the organization ID above');
  expect((root.querySelector('.bpsetup-ims-form [data-field="scopes"]') as HTMLElement).hidden).toBe(true);
});

test('a valid OAuth form is saved once, the secret leaves the page, and the health check follows', async () => {
  const fake = aem();
  const root = await mount();
  type(root, 'clientId', 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
  const secret = type(root, 'clientSecret', 'p8e-top-secret');
  type(root, 'orgId', '0123456789ABCDEF01234567@AdobeOrg');
  type(root, 'scopes', 'openid, AdobeID');
  expect(submit(root).disabled).toBe(false);
  submit(root).click();
  // The save settles for a moment before its second read (the one-configuration guard).
  for (let i = 0; i < 60 && !root.querySelector('.bpsetup-health-result coral-alert'); i++) await new Promise((r) => setTimeout(r, 50));
  const posted = Object.fromEntries(new URLSearchParams(String(fake.writes()[0].body)));
  expect(posted).toMatchObject({
    authType: 'oauth',
    apiKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    clientSecret: 'p8e-top-secret',
    orgId: '0123456789ABCDEF01234567@AdobeOrg',
    scope: 'openid,AdobeID',
  });
  expect(fake.writes()).toHaveLength(1);
  expect(secret.value).toBe('');
  expect(root.innerHTML).not.toContain('p8e-top-secret');
  expect(root.querySelector('.bpsetup-health-result')?.textContent).toContain('Token retrieved successfully!');
  expect(root.querySelector('.bpsetup-ims-feedback')?.textContent).toContain('AEM stored what was sent (read back)');
  expect((root.querySelector('.bpsetup-ims-form') as HTMLElement).hidden).toBe(true);
});

test('server text is shown as text, never as markup', async () => {
  fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson('6.5.21.0'),
    'GET /bin/querybuilder.json': serviceUserQuery,
    [`GET ${SERVICE_USER}.ks.json`]: () => json({ exists: false, aliases: [] }),
    'GET /apps/system/config.1.json': () => text('<img src=x onerror="window.__pwned=1">', 500, 'text/html'),
  });
  const root = await mount();
  expect(root.querySelector('img')).toBeNull();
  expect(root.querySelector('.bpsetup-raw pre')?.textContent).toContain('<img src=x onerror="window.__pwned=1">');
});

test('a private key pasted into the credentials box is refused and not kept', async () => {
  const fake = aem();
  const root = await mount();
  const box = root.querySelector('.bpsetup-credentials-input') as HTMLTextAreaElement;
  box.value = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----';
  box.dispatchEvent(new Event('input'));
  expect(box.value).toBe('');
  expect(root.querySelector('.bpsetup-credentials-note')?.textContent).toContain('This is a private key');
  expect(root.innerHTML).not.toContain('MIIEvQ');
  expect(fake.writes()).toEqual([]);
});

/** An author with nothing set up yet, claiming the given version. */
const emptyAuthor = (version: string) =>
  fakeAem({
    'GET /system/console/status-productinfo.json': () => productInfoJson(version),
    'GET /bin/querybuilder.json': serviceUserQuery,
    [`GET ${SERVICE_USER}.ks.json`]: () => json({ exists: false, aliases: [] }),
    'GET /apps/system/config.1.json': () => json({}),
  });

test('on AEM 6.5.17 the page blocks until the hotfix is confirmed: no JWT route, two ways out', async () => {
  emptyAuthor('6.5.17.0');
  const root = await mount();
  const blocker = root.querySelector('.bpsetup-oauth-blocker')?.textContent ?? '';
  expect(blocker).toContain('cannot connect to Brand Portal');
  expect(blocker).toContain('ims-jwt-compatibility-package-6.5-1.0.zip');
  expect(blocker).toContain('6.5.21');
  expect(root.querySelector('.bpsetup-step[data-step="prerequisites"]')?.getAttribute('data-status')).toBe('error');
  expect(root.textContent).not.toContain('Without it, only JWT');
  expect((root.querySelector('.bpsetup-ims-form') as HTMLElement).hidden).toBe(true);
  expect(root.querySelector('.bpsetup-ims-blocked')?.textContent).toContain('not available on this AEM');
  // Once the admin confirms the hotfix, OAuth is offered.
  (root.querySelector('.bpsetup-confirm-hotfix') as HTMLButtonElement).click();
  expect((root.querySelector('.bpsetup-ims-form') as HTMLElement).hidden).toBe(false);
  expect((root.querySelector('coral-radio.bpsetup-auth-oauth') as HTMLInputElement).disabled).toBe(false);
  expect((root.querySelector('coral-radio.bpsetup-auth-oauth') as HTMLInputElement).checked).toBe(true);
});

test('below 6.5 SP11 a blocker names the update; JWT only behind the legacy choice, with its certificate step', async () => {
  emptyAuthor('6.5.5.0');
  const root = await mount();
  expect(root.querySelector('.bpsetup-oauth-blocker')?.textContent).toContain('Update AEM to 6.5.21');
  expect(root.querySelector('.bpsetup-confirm-hotfix')).toBeNull();
  expect((root.querySelector('coral-radio.bpsetup-auth-oauth') as HTMLInputElement).disabled).toBe(true);
  expect((root.querySelector('.bpsetup-ims-form') as HTMLElement).hidden).toBe(true);
  expect(root.querySelector('[data-fact="oauth"]')?.textContent).toContain('not available on this AEM version');
  // The legacy choice stays reachable while the form is blocked.
  const toggle = root.querySelector('.bpsetup-legacy-jwt-toggle') as HTMLElement;
  expect(toggle.closest('[hidden]')).toBeNull();
  (toggle.querySelector('input') as HTMLInputElement).click();
  expect((root.querySelector('.bpsetup-ims-form') as HTMLElement).hidden).toBe(false);
  expect((root.querySelector('coral-radio.bpsetup-auth-jwt') as HTMLInputElement).checked).toBe(true);
  // The keystore is read only now that JWT is chosen: "reading" until it answers, then "to do".
  const certificate = () => root.querySelector('.bpsetup-step[data-step="certificate"]')?.getAttribute('data-status');
  expect(certificate()).toBe('unknown');
  for (let i = 0; i < 20 && certificate() === 'unknown'; i++) await settle();
  expect(certificate()).toBe('todo');
});
