/** A healthy OAuth IMS configuration and a known tenant, ready for cloud-service tests. */
import type { RunningEmulator } from '../../emulator/server';
import { type Client, controlFetch, loggedIn, startTestEmulator } from './emulator';
import { oauthForm, registerOauthCredential } from './ims-fixtures';

export async function healthyOauthConfig(baseUrl: string, c: Client, clientId = 'bpclient', title = 'Brand Portal'): Promise<string> {
  await registerOauthCredential(baseUrl, clientId, 'bp-secret');
  const res = await c.write('/apps/bpsetup/ims/update', oauthForm(clientId, { clientSecret: 'bp-secret', title }));
  if (res.status !== 200) throw new Error(`IMS config not saved: ${res.status}`);
  return res.text();
}

export async function registerTenant(baseUrl: string, tenantUrl: string): Promise<void> {
  const res = await controlFetch(`${baseUrl}/__emulator/brandportal/tenants`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantUrl }),
  });
  if (res.status !== 201) throw new Error(`tenant not registered: ${res.status}`);
}

export function cloudForm(tenantUrl: string, imsConfig: string, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    item: '',
    name: 'Brand Portal',
    tenantURL: tenantUrl,
    pubFolder: '',
    'pubFolder@Delete': '',
    oauthScopes: 'dam-read dam-write dam-sync cc-share',
    imsConfig,
    'sling:resourceType': 'dam/components/mediaportal/config',
    ...overrides,
  });
}

export type AgentsJson = Record<string, { 'jcr:content'?: Record<string, unknown> }>;

/** Polls agents.author.2.json until `count` Brand Portal agents exist (or the time is up). */
export async function waitForAgents(c: Client, count = 4, timeoutMs = 5000): Promise<AgentsJson> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const json = (await (await c.get('/etc/replication/agents.author.2.json')).json()) as AgentsJson;
    const agents = Object.fromEntries(Object.entries(json).filter(([k]) => k.startsWith('mp_replication')));
    if (Object.keys(agents).length >= count || Date.now() > until) return agents;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What an empty author needs for a walkthrough: an OAuth credential in the IMS stub (openid, AdobeID) and a known tenant. */
export async function credentialAndTenant(baseUrl: string, clientId: string, clientSecret: string, tenantUrl: string): Promise<void> {
  await registerOauthCredential(baseUrl, clientId, clientSecret);
  await registerTenant(baseUrl, tenantUrl);
}

/**
 * A finished setup made through AEM's servlets (IMS configuration, cloud service, four agents), as
 * an earlier visit of the page would have left it. The credential must be registered already.
 */
export async function finishedSetup(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  tenantUrl: string,
  options: { publicFolderPublish?: boolean } = {},
): Promise<void> {
  const c = await loggedIn(baseUrl);
  const ims = await c.write('/apps/bpsetup/ims/update', oauthForm(clientId, { clientSecret }));
  if (ims.status !== 200) throw new Error(`IMS configuration not saved: ${ims.status}`);
  const cloud = await c.write(
    '/apps/brandportal/config',
    cloudForm(tenantUrl, await ims.text(), options.publicFolderPublish ? { pubFolder: 'true' } : {}),
  );
  if (cloud.status !== 200) throw new Error(`cloud configuration not saved: ${cloud.status}`);
  const agents = await waitForAgents(c, 4, 10000);
  if (Object.keys(agents).length !== 4) throw new Error('the four agents did not appear');
}

/** An emulator started for the test file, with the credential and tenant known and the setup finished (4 agents). */
export async function connectedAuthor(
  options: Parameters<typeof startTestEmulator>[0],
  clientId: string,
  clientSecret: string,
  tenantUrl: string,
): Promise<RunningEmulator> {
  const emu = await startTestEmulator(options);
  await credentialAndTenant(emu.url, clientId, clientSecret, tenantUrl);
  await finishedSetup(emu.url, clientId, clientSecret, tenantUrl);
  return emu;
}
