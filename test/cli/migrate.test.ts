/** `bpsetup migrate`: the Brand Portal JWT configuration becomes OAuth with the same id; run again, it writes nothing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { loggedIn, startTestEmulator } from '../helpers/emulator';
import { ORG, certificate, createKeystore, jwtForm, jwtPayload, registerOauthCredential, uploadKey } from '../helpers/ims-fixtures';

const CLIENT_ID = 'd22b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-migrate-secret-5521';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
  await registerOauthCredential(emu.url, CLIENT_ID, SECRET);
}, 30000);
afterAll(() => emu.close());

test('JWT → OAuth keeps the configuration id; a second run writes nothing', async () => {
  const c = await loggedIn(emu.url);
  await createKeystore(c);
  await uploadKey(c, 'bpjwt', await certificate());
  const id = await (
    await c.write('/apps/bpsetup/ims/update', jwtForm('jwtclient', 'bpjwt', jwtPayload('jwtclient'), { title: 'Brand Portal' }))
  ).text();
  const dir = tempDir('cli-migrate-');
  const config = join(dir, 'setup.json');
  writeFileSync(
    config,
    JSON.stringify({ clientId: CLIENT_ID, orgId: ORG, scopes: ['openid', 'AdobeID'], tenantUrl: 'https://acme.brand-portal.adobe.com' }),
  );

  const first = await bpsetup(['--url', emu.url, '--json', 'migrate', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
  const report = JSON.parse(first.stdout) as { hosts: Record<string, unknown>[] };
  // The whole host report, so that a failure shows why.
  expect(report.hosts[0]).toMatchObject({
    changes: [expect.objectContaining({ action: 'migrate the IMS configuration to OAuth (same id)' })],
    // The package's health script proves the migrated configuration before any agent exists.
    tokenProvenBy: 'checkHealth',
  });
  expect(report.hosts[0].changes).toHaveLength(1);
  const provider =
    emu.context.repo.readFile(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`)?.toString() ?? '';
  expect(provider).toContain('auth.token.provider.authorization.grants="client_credentials"');
  expect(provider).toContain(`auth.token.provider.client.id="${CLIENT_ID}"`);

  const since = emu.context.journal.lastSeq;
  const second = await bpsetup(['--url', emu.url, '--json', 'migrate', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
  expect((JSON.parse(second.stdout) as { hosts: { changes: unknown[] }[] }).hosts[0].changes).toEqual([]);
  expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(SECRET);
});
