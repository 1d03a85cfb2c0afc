/**
 * Evidence from an author: `bpsetup probe --bundle FILE` captures, read-only and masked, what
 * decides the project's writes; `npm run contract:compare -- FILE` compares it with the emulator
 * fact by fact. A capture of the emulator itself shows no difference; a capture with deliberately
 * different answers shows each one, with the contract section it settles.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EvidenceCapture } from '../../cli/evidence';
import { compareEvidence } from '../../cli/evidence-compare';
import { MASK } from '../../core/domain/mask';
import { PROJECT_ROOT } from '../../emulator/paths';
import { DEMO_INTEGRATION, applyScenario } from '../../emulator/scenarios';
import type { RunningEmulator } from '../../emulator/server';
import { emulatorCapture } from '../../scripts/contract-compare';
import { bpsetup } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp';

const dir = tempDir('evidence-');
const file = join(dir, 'capture.json');
let emu: RunningEmulator;
let captured: EvidenceCapture;

beforeAll(async () => {
  emu = await startTestEmulator();
  applyScenario(emu.context, 'existingCloudConfig');
  const since = emu.context.journal.lastSeq;
  const run = await bpsetup(['--url', emu.url, 'probe', '--bundle', file]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('evidence written to') });
  // Read-only: nothing but GET and HEAD reached the author.
  expect(emu.context.journal.list(since).filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  captured = JSON.parse(readFileSync(file, 'utf8')) as EvidenceCapture;
}, 60000);
afterAll(() => emu.close());

const compare = (capture: string) =>
  promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'build/scripts/contract-compare.js'), capture], { cwd: PROJECT_ROOT }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

test('the capture holds what decides the writes, with every secret masked', () => {
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(DEMO_INTEGRATION.clientSecret);
  expect(text).not.toContain('admin:admin');
  const customizer = (captured.imsCustomizers.json as { properties: Record<string, { value?: unknown }> }[])[0];
  expect(customizer.properties['auth.ims.client.secret'].value ?? customizer.properties['auth.ims.client.secret']).toBe(MASK);
  // Not secret, kept: the provider's settings and the agents' provider name.
  const provider = (captured.imsProviders.json as { properties: Record<string, { value?: unknown }> }[])[0];
  expect(provider.properties['auth.token.provider.title'].value).toBe('Brand Portal');
  const agents = captured.agents.json as Record<string, { 'jcr:content': Record<string, unknown> }>;
  expect(Object.keys(agents)).toHaveLength(4);
  expect(Object.values(agents)[0]['jcr:content'].accessTokenProviderName).toBe(provider.properties.name.value);
  expect(captured.productInfo.status).toBe(200);
  expect(captured.survey.endpoints.length).toBeGreaterThan(0);
  // What the emulator does not serve is kept as such: could not be read, with its status.
  expect(captured.healthChecks).toEqual({ path: '/system/health.json', status: 404 });
});

test('a capture of the emulator: no difference (exit 0)', async () => {
  expect(compareEvidence(captured, await emulatorCapture())).toEqual([]);
  const run = await compare(file);
  expect(run).toEqual({ code: 0, stdout: expect.stringContaining('no difference from the emulator') });
}, 60000);

test('a capture with different answers: each difference found, with the contract section it settles (exit 1)', async () => {
  const real = JSON.parse(JSON.stringify(captured)) as EvidenceCapture;
  const json = real as unknown as {
    productInfo: { json: string[] };
    bundles: { json: string[][] };
    imsProviders: { json: { pid: string; properties: Record<string, { value?: unknown }> }[] };
    cloudServices: { json: Record<string, { 'jcr:content': Record<string, unknown> }> };
    agents: { json: Record<string, { 'jcr:content': Record<string, unknown> }> };
    healthChecks: { status: number; json?: unknown };
  };
  json.productInfo.json = json.productInfo.json.map((l) => l.replace('(6.5.21.0)', '(6.6.2.LTS)'));
  json.bundles.json = json.bundles.json.map((b) => (b[0] === 'org.apache.jackrabbit.oak-core' ? [b[0], '1.88.0', b[2]] : b));
  const provider = json.imsProviders.json[0];
  provider.properties['auth.token.provider.extra'] = { value: 'x' };
  provider.properties['token.request.customizer.type'] = { value: 'ims-brand-portal' };
  const service = Object.values(json.cloudServices.json).find((n) => typeof n === 'object' && n['jcr:content']);
  delete service?.['jcr:content'].oauthScopes;
  for (const agent of Object.values(json.agents.json))
    if (agent['jcr:content']) agent['jcr:content'].accessTokenProviderName = provider.pid;
  real.survey.pages = real.survey.pages.map((p) => ({ ...p, fieldNames: [...p.fieldNames, 'orgId', 'scope'] }));
  json.healthChecks = { status: 200, json: { overallResult: 'OK' } };

  const differences = compareEvidence(real, captured);
  expect(Object.fromEntries(differences.map((d) => [d.id, d.contract]))).toEqual({
    'product-info line': 'Version and feature gates',
    'bundle org.apache.jackrabbit.oak-core': 'Version and feature gates',
    'IMS provider property names': 'OSGi consoles (administrators only)',
    'provider/customizer pairing': 'IMS configurations',
    'pairing value shape': 'IMS configurations',
    'IMS form names seen in the console': 'IMS configurations',
    'cloud service property names': 'Brand Portal cloud service and agents',
    'cloud service OAuth scopes': 'Brand Portal cloud service and agents',
    "agent's accessTokenProviderName names": 'Brand Portal cloud service and agents',
    'Felix health checks (/system/health)': 'Version and feature gates',
  });
  const agentsNamed = differences.find((d) => d.id === "agent's accessTokenProviderName names");
  expect(agentsNamed).toMatchObject({
    author: 'provider PID',
    emulator: "provider name, the PID after the factory PID, the cloud service's imsConfig",
  });

  const doctored = join(dir, 'different.json');
  writeFileSync(doctored, JSON.stringify(real));
  const run = await compare(doctored);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('10 difference(s) from the emulator');
  expect(run.stdout).toContain('product-info line (docs/aem-contract.md, section "Version and feature gates")');
  // Every section named is a heading of the contract.
  const headings = readFileSync(join(PROJECT_ROOT, 'docs/aem-contract.md'), 'utf8').match(/^## .+$/gm) ?? [];
  for (const d of differences) expect(headings).toContain(`## ${d.contract}`);
}, 60000);
