/** The reset plan fails closed: tenant, confirmation, queue shape, and nothing outside the tenant. */
import fc from 'fast-check';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { buildResetPlan, confirmationMatches, planPaths, resetDeletions, usersInsideFolder } from '../../../core/domain/reset-plan';
import type { CloudConfig } from '../../../core/domain/types';
import { replicationAgent } from '../../helpers/agents';

const agent = replicationAgent;
const config = (tenantUrl: string, legacy = false): CloudConfig => ({
  path: legacy ? '/etc/cloudservices/mediaportal/legacy' : '/conf/global/settings/cloudconfigs/mediaportal/brand-portal',
  title: 'BP',
  tenantUrl,
  imsConfig: '',
  publicFolderPublish: false,
  legacy,
});

test("legacy too: the tenant's agents, the configuration and the tenant user folder, nothing else", () => {
  const url = 'https://legacyco.brand-portal.adobe.com';
  const agents = [0, 1, 2, 3].map((i) => agent(`mp_replication_agent${i}_default_legacyco`, `${url}/bin/receive?sling:authRequestLogin=1`));
  const other = agent('mp_replication_agent0_default_acme', 'https://acme.brand-portal.adobe.com/bin/receive');
  const built = buildResetPlan(config(url, true), [...agents, other], ENDPOINTS);
  expect('plan' in built && planPaths(built.plan)).toEqual([
    '/etc/replication/agents.author/mp_replication_agent0_default_legacyco',
    '/etc/replication/agents.author/mp_replication_agent1_default_legacyco',
    '/etc/replication/agents.author/mp_replication_agent2_default_legacyco',
    '/etc/replication/agents.author/mp_replication_agent3_default_legacyco',
    '/etc/cloudservices/mediaportal/legacy',
    '/home/users/mac/legacyco',
  ]);
});

test("the reset takes the tenant's agents and the orphans of a corrected tenant, never a publish agent or an agent it does not recognise", () => {
  const url = 'https://acme.brand-portal.adobe.com';
  const tenantAgents = [0, 1, 2, 3].map((i) => ({
    ...agent(`mp_replication_agent${i}_default_acme`, `${url}/bin/receive?sling:authRequestLogin=1`),
    tokenProviderName: 'ims-1',
  }));
  // Left by a mistyped tenant: Brand Portal's (it takes an IMS token), of no configuration now.
  const orphan = {
    ...agent('mp_replication_agent0_default_www', 'https://www.example.com/bin/receive?sling:authRequestLogin=1'),
    tokenProviderName: 'ims-0',
  };
  // Every author→publish agent has the same path in its address; and a look-alike without an IMS token.
  const publish = agent('publish', 'http://publish.example:4503/bin/receive?sling:authRequestLogin=1');
  const lookalike = agent('mp_replication_custom', 'http://publish.example:4503/bin/receive?sling:authRequestLogin=1');
  const built = buildResetPlan(config(url), [...tenantAgents, orphan, publish, lookalike], ENDPOINTS, [config(url)]);
  expect('plan' in built && built.plan.agentPaths).toEqual(
    [...tenantAgents, orphan].map((a) => `/etc/replication/agents.author/${a.name}`).sort(),
  );
});

test('an empty or unusable tenant is refused: nothing to delete', () => {
  for (const url of [
    '',
    '   ',
    'https://',
    'http://acme.brand-portal.adobe.com',
    'https://-bad-.brand-portal.adobe.com',
    'https://a_b.example.com',
  ]) {
    expect(buildResetPlan(config(url), [], ENDPOINTS)).toHaveProperty('refused');
  }
});

test('the confirmation must equal the tenant name and can never be empty', () => {
  const built = buildResetPlan(config('https://acme.brand-portal.adobe.com'), [], ENDPOINTS);
  if (!('plan' in built)) throw new Error('expected a plan');
  expect(confirmationMatches('acme', built.plan)).toBe(true);
  expect(confirmationMatches(' acme ', built.plan)).toBe(true);
  for (const typed of ['', ' ', 'Acme', 'acm', 'acme.brand-portal.adobe.com']) expect(confirmationMatches(typed, built.plan)).toBe(false);
  expect(confirmationMatches('', { ...built.plan, tenant: '' })).toBe(false);
});

test('users to delete must sit inside the tenant folder', () => {
  const built = buildResetPlan(config('https://acme.brand-portal.adobe.com'), [], ENDPOINTS);
  if (!('plan' in built)) throw new Error('expected a plan');
  expect(usersInsideFolder(built.plan, ['/home/users/mac/acme/Xy12'])).toBe(true);
  expect(usersInsideFolder(built.plan, ['/home/users/mac/acmeco/Xy12'])).toBe(false);
  expect(usersInsideFolder(built.plan, ['/home/users/mac/acme/../admin'])).toBe(false);
});

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);

test('property: every planned path belongs to the tenant or its configuration, whatever agents exist', () => {
  fc.assert(
    // Agent names are node names: unique on an author.
    fc.property(
      label,
      fc.uniqueArray(fc.tuple(label, fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 12, selector: ([t, i]) => `${i}_${t}` }),
      (tenant, others) => {
        const url = `https://${tenant}.brand-portal.adobe.com`;
        const agents = others.map(([t, i, sameHost]) =>
          agent(`mp_replication_agent${i}_default_${t}`, `https://${sameHost ? tenant : t}.brand-portal.adobe.com/bin/receive`),
        );
        const built = buildResetPlan(config(url), agents, ENDPOINTS);
        if (!('plan' in built)) return false;
        const { plan } = built;
        const ownsAgent = (p: string) => {
          const a = agents.find((x) => x.path === p);
          return Boolean(a) && (a!.name.endsWith(`_default_${tenant}`) || a!.transportUri.startsWith(`${url}/`));
        };
        return (
          plan.tenant === tenant &&
          plan.userFolder === `/home/users/mac/${tenant}` &&
          plan.agentPaths.every(ownsAgent) &&
          new Set(planPaths(plan)).size === planPaths(plan).length
        );
      },
    ),
  );
});

test('property: random text never confirms a plan unless it is the tenant name', () => {
  const built = buildResetPlan(config('https://acme.brand-portal.adobe.com'), [], ENDPOINTS);
  if (!('plan' in built)) throw new Error('expected a plan');
  const plan = built.plan;
  fc.assert(fc.property(fc.string(), (typed) => confirmationMatches(typed, plan) === (typed.trim() === 'acme')));
});

const CURRENT_ROOT = '/conf/global/settings/cloudconfigs/mediaportal';
const acme = 'https://acme.brand-portal.adobe.com';
const acmeAgents = () => [0, 1, 2, 3].map((i) => agent(`mp_replication_agent${i}_default_acme`, `${acme}/bin/receive`));
const at = (path: string): CloudConfig => ({ ...config(acme), path });

test('a cloud configuration named with backslashes, %2e%2e or a query is refused: nothing is deleted', () => {
  for (const name of [
    '..\\..\\..\\content\\victim',
    '%2e%2e',
    '%2E%2E%2Fcontent',
    '?x',
    '#',
    'a;v=1',
    '.',
    '..',
    'a/../../b',
    ' ',
    'a\u0000b',
  ])
    expect(buildResetPlan(at(`${CURRENT_ROOT}/${name}`), acmeAgents(), ENDPOINTS)).toHaveProperty('refused');
  // Only a direct child of a known root: not the root itself, not deeper, not elsewhere.
  for (const path of [CURRENT_ROOT, `${CURRENT_ROOT}/a/b`, '/content/victim', '/conf/other/settings/cloudconfigs/mediaportal/a'])
    expect(buildResetPlan(at(path), acmeAgents(), ENDPOINTS)).toHaveProperty('refused');
  expect(buildResetPlan(at(`${CURRENT_ROOT}/brand-portal`), acmeAgents(), ENDPOINTS)).toHaveProperty('plan');
});

test('an agent of the tenant with a hostile name refuses the whole plan', () => {
  const hostile = agent('mp_replication_agent4_default_acme\\..\\..\\..\\content', `${acme}/bin/receive`);
  const built = buildResetPlan(config(acme), [...acmeAgents(), hostile], ENDPOINTS);
  expect(built).toEqual({ refused: expect.stringContaining('unusable name') });
});

test('a faked QueryBuilder answer naming users elsewhere sends no deletion at all', () => {
  const built = buildResetPlan(config(acme), acmeAgents(), ENDPOINTS);
  if (!('plan' in built)) throw new Error('expected a plan');
  for (const user of [
    '/home/users/mac/acme/../../system/dam-replication-service',
    '/home/users/mac/acme/%2e%2e/%2e%2e/system/dam-replication-service',
    '/home/users/mac/acme/x\\..\\..\\admin',
    '/home/users/mac/acme',
    '/home/users/a/admin',
  ]) {
    expect(usersInsideFolder(built.plan, ['/home/users/mac/acme/Xy12', user])).toBe(false);
    expect(resetDeletions(built.plan, ['/home/users/mac/acme/Xy12', user])).toBeUndefined();
  }
  expect(resetDeletions(built.plan, ['/home/users/mac/acme/Xy12'])).toEqual([
    ...acmeAgents().map((a) => ({ kind: 'node', path: a.path })),
    { kind: 'node', path: `${CURRENT_ROOT}/brand-portal` },
    { kind: 'user', path: '/home/users/mac/acme/Xy12' },
    { kind: 'node', path: '/home/users/mac/acme' },
  ]);
});

/** Names as a hostile author could create them: separators, encodings, dots, controls, query marks. */
const hostileName = fc.oneof(
  label,
  fc.string({
    unit: fc.constantFrom('a', '.', '/', '\\', '%', '2', 'e', 'E', 'F', '?', '#', ';', ' ', '\u0000', '\u001b', '\u202e', ':'),
    minLength: 1,
    maxLength: 12,
  }),
);
/** Where a browser would really send a request for `path` (it rewrites `\\`, `%2e`, and cuts at `?`/`#`). */
const sentTo = (path: string) => new URL(path, 'https://author.example').pathname;

test('property: whatever names AEM sends, every deletion goes exactly where it is listed, below its root', () => {
  fc.assert(
    fc.property(
      hostileName,
      fc.uniqueArray(hostileName, { maxLength: 6 }),
      fc.array(fc.tuple(fc.constantFrom('/home/users/mac/acme/', '/home/users/mac/acme', '/home/users/'), hostileName), { maxLength: 4 }),
      (configName, agentSuffixes, userParts) => {
        const agents = agentSuffixes.map((sfx) => agent(`mp_replication_agent0_default_acme${sfx}`, `${acme}/bin/receive`));
        const built = buildResetPlan(at(`${CURRENT_ROOT}/${configName}`), agents, ENDPOINTS);
        if (!('plan' in built)) return true;
        const users = userParts.map(([prefix, name]) => `${prefix}${name}`);
        const deletions = resetDeletions(built.plan, users);
        if (!deletions) return true;
        const listed = new Set([...planPaths(built.plan), ...users]);
        return deletions.every(
          (d) =>
            listed.has(d.path) &&
            sentTo(d.path) === d.path &&
            ['/etc/replication/agents.author/', `${CURRENT_ROOT}/`, '/home/users/mac/acme'].some((root) => d.path.startsWith(root)) &&
            (d.kind === 'node' || d.path.startsWith('/home/users/mac/acme/')),
        );
      },
    ),
    { numRuns: 500 },
  );
});
