/** Rules across authors: one tenant per author. */
import { fleetProblems } from '../../../core/domain/fleet-rules';

test('a tenant on two authors is named with both; distinct tenants and unread ones say nothing', () => {
  const a = 'https://a.brand-portal.adobe.com';
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
      severity: 'warning',
      hosts: ['http://stage:4502', 'http://prod:4502'],
      title: `The tenant ${a} is configured on 2 authors: http://stage:4502, http://prod:4502`,
    }),
  ]);
  expect(fleetProblems([{ url: 'x', tenantUrl: a }, { url: 'y' }])).toEqual([]);
});
