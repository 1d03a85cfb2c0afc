/** Rules across authors: one tenant per author, where a cluster (one repository, as Sling shows it) is one author. */
import { fleetProblems, shareOneRepository } from '../../../core/domain/fleet-rules';

const a = 'https://a.brand-portal.adobe.com';

test('a tenant on two authors is a problem (exit 1) naming both; distinct tenants and unread ones say nothing', () => {
  expect(
    fleetProblems([
      { url: 'http://stage:4502', tenantUrl: a },
      { url: 'http://prod:4502', tenantUrl: a },
      { url: 'http://other:4502', tenantUrl: 'https://b.brand-portal.adobe.com' },
      { url: 'http://unread:4502' },
    ]),
  ).toEqual([
    expect.objectContaining({
      id: `tenant-shared-${a}`,
      severity: 'error',
      hosts: ['http://stage:4502', 'http://prod:4502'],
      title: `The tenant ${a} is configured on 2 authors: http://stage:4502, http://prod:4502`,
    }),
  ]);
  expect(fleetProblems([{ url: 'x', tenantUrl: a }, { url: 'y' }])).toEqual([]);
});

test('authors that list each other in their cluster are one author; a copied repository is not', () => {
  const one = { slingId: 'id-1', clusterInstances: ['id-1', 'id-2'] };
  const two = { slingId: 'id-2', clusterInstances: ['id-1', 'id-2'] };
  // A copy of one's repository, started with its own Sling ID: it lists its origin, the origin never lists it.
  const copy = { slingId: 'id-3', clusterInstances: ['id-1', 'id-2', 'id-3'] };
  expect(shareOneRepository(one, two)).toBe(true);
  expect(shareOneRepository(one, copy)).toBe(false);
  expect(shareOneRepository(one, { slingId: 'id-1' })).toBe(true); // the same instance reached at two addresses
  expect(shareOneRepository(one, { clusterInstances: ['id-1'] })).toBeUndefined();
  expect(shareOneRepository(one, { slingId: 'id-2' })).toBeUndefined();

  const cluster = [
    { url: 'http://author-1:4502', tenantUrl: a, instance: one },
    { url: 'http://author-2:4502', tenantUrl: a, instance: two },
  ];
  expect(fleetProblems(cluster)).toEqual([]);
  const [problem] = fleetProblems([...cluster, { url: 'http://clone:4502', tenantUrl: a, instance: copy }]);
  expect(problem).toMatchObject({ severity: 'error', hosts: ['http://author-1:4502', 'http://author-2:4502', 'http://clone:4502'] });
  expect(problem.title).toBe(
    `The tenant ${a} is configured on 2 authors: http://author-1:4502 + http://author-2:4502 (one cluster), http://clone:4502`,
  );
  expect(problem.fix).not.toContain('could not be read');
});

test('where Sling could not be read, the authors count separately and the fix says it could not be read', () => {
  const [problem] = fleetProblems([
    { url: 'http://p:4502', tenantUrl: a, instance: { slingId: 'id-1', clusterInstances: ['id-1', 'id-2'] } },
    { url: 'http://q:4502', tenantUrl: a, instance: {} },
  ]);
  expect(problem).toMatchObject({ severity: 'error' });
  expect(problem.fix).toContain('could not be read');
});
