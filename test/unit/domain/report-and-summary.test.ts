/** The diagnostics report's masking, and the whole-setup summary's judgement. */
import fc from 'fast-check';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { checkAgents, orphanAgents } from '../../../core/domain/agents';
import { summariseSetup, type SetupSnapshot } from '../../../core/domain/consistency';
import { buildDiagnostics } from '../../../core/domain/diagnostics';
import { MASK, maskSecrets } from '../../../core/domain/mask';
import type { ImsConfig, ReplicationAgent } from '../../../core/domain/types';

describe('diagnostics masking', () => {
  test('secrets are masked by key and by shape, at any depth', () => {
    const report = JSON.parse(
      buildDiagnostics({
        generatedAt: new Date('2026-01-01T00:00:00Z'),
        page: '/x',
        config: {
          clientSecret: 'p8e-abc',
          keystorePassword: 'pw',
          title: 'Brand Portal',
          nested: [{ privateKey: 'x' }, '-----BEGIN PRIVATE KEY-----\nabc'],
        },
        note: 'p8e-looks-like-a-secret',
        accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
        jwt: 'eyJhbGciOiJSUzI1NiJ9.e30.x',
      }),
    ) as Record<string, unknown>;
    expect(report).toEqual({
      report: 'Brand Portal setup diagnostics',
      generatedAt: '2026-01-01T00:00:00.000Z',
      page: '/x',
      config: { clientSecret: MASK, keystorePassword: MASK, title: 'Brand Portal', nested: [{ privateKey: MASK }, MASK] },
      note: MASK,
      accessToken: MASK,
      jwt: MASK,
    });
  });

  test('property: a value under a secret-named key never survives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('clientSecret', 'password', 'privateKey', 'access_token', 'client_secret', 'pk'),
        fc.string({ minLength: 1 }),
        (key, value) => JSON.stringify(maskSecrets({ a: { [key]: value } })) === JSON.stringify({ a: { [key]: MASK } }),
      ),
    );
  });
});

const TENANT = 'https://acme.brand-portal.adobe.com';
const agent = (i: number, over: Partial<ReplicationAgent> = {}): ReplicationAgent => ({
  name: `mp_replication_agent${i}_default_acme`,
  path: `/etc/replication/agents.author/mp_replication_agent${i}_default_acme`,
  title: '',
  transportUri: `${TENANT}/bin/receive?sling:authRequestLogin=1`,
  enabled: true,
  closeConnection: true,
  triggerSpecific: true,
  ...over,
});
const ims: ImsConfig = { id: 'i1', name: 'i1', pid: 'p.i1', file: 'f', title: 'Brand Portal', clientId: 'c', authType: 'oauth' };
const healthy = (): SetupSnapshot => ({
  endpoints: ENDPOINTS,
  brandPortalImsConfigs: [ims],
  allImsConfigs: [ims],
  health: { id: 'i1', title: 'Brand Portal', healthy: true, message: 'ok' },
  cloudConfigs: [{ path: '/conf/x', title: 'Brand Portal', tenantUrl: TENANT, imsConfig: 'i1', legacy: false, publicFolderPublish: false }],
  agents: [0, 1, 2, 3].map((i) => agent(i)),
  agentTests: [0, 1, 2, 3].map((i) => ({ name: `mp_replication_agent${i}_default_acme`, succeeded: true, log: '', status: 200 })),
});

describe('whole-setup summary', () => {
  test('green when everything holds', () => expect(summariseSetup(healthy())).toEqual({ healthy: true, unknown: false, problems: [] }));

  test.each<[string, (s: SetupSnapshot) => void, string, string]>([
    ['agent disabled', (s) => (s.agents[1] = agent(1, { enabled: false })), 'agent-disabled-mp_replication_agent1_default_acme', 'error'],
    [
      'close connection off',
      (s) => (s.agents[2] = agent(2, { closeConnection: false })),
      'agent-closeConnectionOff-mp_replication_agent2_default_acme',
      'warning',
    ],
    ['agent missing', (s) => s.agents.pop(), 'agent-missing-mp_replication_agent3_default_acme', 'error'],
    [
      'wrong transport',
      (s) => (s.agents[0] = agent(0, { transportUri: 'https://other.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1' })),
      'agent-wrongTransport-mp_replication_agent0_default_acme',
      'error',
    ],
    ['cloud config points at a missing IMS config', (s) => (s.cloudConfigs[0].imsConfig = 'gone'), 'cloud-ims-missing', 'error'],
    [
      'IMS unhealthy',
      (s) => (s.health = { id: 'i1', title: '', healthy: false, message: 'x status: 401 response: {"error":"invalid_client"}' }),
      'ims-unhealthy',
      'error',
    ],
    [
      'two cloud configs',
      (s) =>
        s.cloudConfigs.push({
          path: '/etc/cloudservices/mediaportal/old',
          title: 'Old',
          tenantUrl: 'https://old.brand-portal.adobe.com',
          imsConfig: '',
          legacy: true,
          publicFolderPublish: false,
        }),
      'cloud-several',
      'error',
    ],
    [
      '401 on test',
      (s) =>
        (s.agentTests[0] = { name: 'mp_replication_agent0_default_acme', succeeded: false, status: 200, log: 'HTTP/1.1 401 Unauthorized' }),
      'agent-test-mp_replication_agent0_default_acme',
      'error',
    ],
  ])('%s', (_label, spoil, id, severity) => {
    const s = healthy();
    spoil(s);
    const result = summariseSetup(s);
    expect(result.problems.find((p) => p.id === id)).toMatchObject({ severity });
    expect(result.healthy).toBe(severity !== 'error');
  });

  test('a 401 test failure points at the reset', () => {
    const s = healthy();
    s.agentTests[0] = { name: 'mp_replication_agent0_default_acme', succeeded: false, status: 200, log: 'HTTP/1.1 401 Unauthorized' };
    expect(summariseSetup(s).problems[0].fix).toContain('Reset Brand Portal publishing');
  });

  test('agents: orphans and checks', () => {
    expect(checkAgents([agent(0)], TENANT, 'acme').map((c) => c.issues)).toEqual([[], ['missing'], ['missing'], ['missing']]);
    const gone = agent(1, { transportUri: 'https://gone.brand-portal.adobe.com/bin/receive', tokenProviderName: 'i1' });
    expect(orphanAgents([agent(0), gone], [TENANT]).map((a) => a.name)).toEqual(['mp_replication_agent1_default_acme']);
    // Without an IMS token and outside every configured tenant, an mp_replication agent is not Brand Portal's.
    const stranger = agent(2, { transportUri: 'http://publish.example:4503/bin/receive?sling:authRequestLogin=1' });
    expect(orphanAgents([stranger], [TENANT])).toEqual([]);
  });

  test("orphans are named, and agents that only look like Brand Portal's are listed apart, never offered for deletion", () => {
    const s = healthy();
    s.agents.push(
      agent(0, { name: 'mp_replication_agent0_default_www', transportUri: 'https://www.example.com/bin/receive', tokenProviderName: 'i0' }),
      agent(0, { name: 'mp_replication_custom', transportUri: 'http://publish.example:4503/bin/receive?sling:authRequestLogin=1' }),
    );
    const problems = summariseSetup(s).problems;
    expect(problems.find((p) => p.id === 'agents-orphan')?.title).toContain('mp_replication_agent0_default_www');
    const unrecognised = problems.find((p) => p.id === 'agents-unrecognised');
    expect(unrecognised?.title).toContain('mp_replication_custom');
    expect(unrecognised?.fix).toContain('nothing here deletes them');
  });
});

describe('a part that could not be read', () => {
  test.each([
    ['imsConfigs', ['ims-missing', 'cloud-ims-missing']],
    ['cloudConfigs', ['cloud-missing']],
    ['agents', ['agent-missing-mp_replication_agent0_default_acme']],
  ] as const)('unread %s: "could not be read" (unknown), never missing, never healthy', (part, never) => {
    const s = healthy();
    if (part === 'imsConfigs') Object.assign(s, { brandPortalImsConfigs: [], allImsConfigs: [] });
    if (part === 'cloudConfigs') s.cloudConfigs = [];
    if (part === 'agents') s.agents = [];
    s.unread = { [part]: true };
    const result = summariseSetup(s);
    const ids = result.problems.map((p) => p.id);
    expect(ids).toContain(`${part}-unreadable`);
    for (const id of never) expect(ids).not.toContain(id);
    expect(result.problems.find((p) => p.id === `${part}-unreadable`)?.severity).toBe('unknown');
    expect(result).toMatchObject({ healthy: false, unknown: true });
  });
});
