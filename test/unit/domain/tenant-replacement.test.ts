/** A tenant replacement removes exactly the old tenant's Brand Portal agents: never another tenant's, a publish agent or a look-alike. */
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { planTenantReplacement } from '../../../core/domain/tenant-replacement';
import type { CloudConfig } from '../../../core/domain/types';
import { replicationAgent } from '../../helpers/agents';

const OLD = 'https://acme.brand-portal.adobe.com';
const NEW = 'https://acmecorp.brand-portal.adobe.com';
const agent = replicationAgent;
const config = (tenantUrl: string, path = '/conf/global/settings/cloudconfigs/mediaportal/brand-portal'): CloudConfig => ({
  path,
  title: 'Brand Portal',
  tenantUrl,
  imsConfig: 'ims1',
  publicFolderPublish: true,
  legacy: false,
});
const four = (tenant: string, url: string) =>
  [0, 1, 2, 3].map((i) => agent(`mp_replication_agent${i}_default_${tenant}`, `${url}/bin/receive?sling:authRequestLogin=1`, 'ims1'));

test('the same tenant, however spelled, is no replacement; an unusable address is none either', () => {
  expect(planTenantReplacement(config(OLD), `${OLD}/`, four('acme', OLD), ENDPOINTS)).toBeUndefined();
  expect(planTenantReplacement(config(OLD), 'http://acmecorp', four('acme', OLD), ENDPOINTS)).toBeUndefined();
});

test("another tenant: the configuration is kept, and exactly the old tenant's four agents are listed", () => {
  const publish = agent('mp_replication_publish', 'http://publish:4503/bin/receive?sling:authRequestLogin=1');
  const lookAlike = agent('mp_replication_custom', 'https://elsewhere.example.com/bin/receive');
  const otherTenant = four('beta', 'https://beta.brand-portal.adobe.com');
  const plan = planTenantReplacement(config(OLD), NEW, [...four('acme', OLD), publish, lookAlike, ...otherTenant], ENDPOINTS, [
    config(OLD),
    config('https://beta.brand-portal.adobe.com', '/conf/global/settings/cloudconfigs/mediaportal/beta'),
  ]);
  expect(plan).toEqual({
    configPath: '/conf/global/settings/cloudconfigs/mediaportal/brand-portal',
    from: { url: OLD, tenant: 'acme' },
    to: { url: NEW, tenant: 'acmecorp' },
    removes: [0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_acme`),
  });
});

test('an agent another configuration still publishes through is kept', () => {
  const twin = config(OLD, '/conf/global/settings/cloudconfigs/mediaportal/twin');
  expect(planTenantReplacement(config(OLD), NEW, four('acme', OLD), ENDPOINTS, [config(OLD), twin])?.removes).toEqual([]);
});

test('a legacy agent of the old tenant (no token) is the old tenant’s too', () => {
  const legacy = agent('mp_replication_agent0_default_acme', `${OLD}/bin/receive?sling:authRequestLogin=1`);
  expect(planTenantReplacement(config(OLD), NEW, [legacy], ENDPOINTS)?.removes).toEqual([
    '/etc/replication/agents.author/mp_replication_agent0_default_acme',
  ]);
});
