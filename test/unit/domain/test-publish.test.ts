import { deliveryOf, publishingAgents, reportTestPublish, testPublishProblems, verdictOf } from '../../../core/domain/test-publish';
import { judgeRights, validateFolderPath } from '../../../core/domain/folder-rights';
import { type AgentQueue, loggedDelivery } from '../../../core/domain/queue';
import type { SetupFacts } from '../../../core/domain/state';

const PATH = '/content/dam/bpsetup-publish-proof/bpsetup-test-1700000000000.png';
const idle: AgentQueue = { blocked: false, paused: false, pending: 0 };

test('where the test asset stands in a queue: gone with a logged delivery is delivered, gone without is unconfirmed, retried at a blocked head is refused, else waiting; unread is unknown', () => {
  expect(deliveryOf('a', idle, PATH, true)).toEqual({ name: 'a', state: 'delivered' });
  // Taken out of the queue by someone else (another run's sweep, an admin): never "delivered".
  expect(deliveryOf('a', idle, PATH, false)).toEqual({ name: 'a', state: 'unconfirmed' });
  expect(deliveryOf('a', idle, PATH)).toEqual({ name: 'a', state: 'unconfirmed' });
  expect(verdictOf([{ name: 'a', state: 'unconfirmed' }])).toBe('not-confirmed');
  expect(reportTestPublish({ verdict: 'not-confirmed', agents: [{ name: 'a', state: 'unconfirmed' }] }).lines).toEqual([
    'a: it left the queue, but the agent log shows no successful delivery, so it is not called delivered.',
  ]);
  const log = (lines: string[]) => `<html><body><pre>${lines.join('\n')}</pre></body></html>`;
  const at = '07.12.2026 17:00:00';
  expect(loggedDelivery(log([`${at} - INFO - a : Replication (ACTIVATE) of ${PATH} successful.`]), 'ACTIVATE', PATH)).toBe(true);
  expect(loggedDelivery(log([`${at} - INFO - a : Replication (ACTIVATE) of ${PATH} successful`]), 'ACTIVATE', PATH)).toBe(true);
  expect(loggedDelivery(log([`${at} - INFO - a : Replication (DEACTIVATE) of ${PATH} successful`]), 'ACTIVATE', PATH)).toBe(false);
  expect(loggedDelivery(log([`${at} - ERROR - a : Replication (ACTIVATE) of ${PATH} not successful: 403`]), 'ACTIVATE', PATH)).toBe(false);
  expect(loggedDelivery(log([`${at} - INFO - a : Replication (ACTIVATE) of ${PATH}x successful`]), 'ACTIVATE', PATH)).toBe(false);
  expect(deliveryOf('a', { ...idle, pending: 1, paths: [PATH], head: { path: PATH } }, PATH).state).toBe('waiting');
  expect(deliveryOf('a', { ...idle, blocked: true, pending: 1, paths: [PATH], head: { path: PATH, attempts: 2 } }, PATH)).toEqual({
    name: 'a',
    state: 'refused',
    attempts: 2,
  });
  // Blocked by someone else's item ahead of ours: ours is waiting, not refused.
  const behind = {
    ...idle,
    blocked: true,
    pending: 2,
    paths: ['/content/dam/x.jpg', PATH],
    head: { path: '/content/dam/x.jpg', attempts: 5 },
  };
  expect(deliveryOf('a', behind, PATH).state).toBe('waiting');
  expect(deliveryOf('a', undefined, PATH).state).toBe('unknown');
});

test('the verdict claims publishing only when every agent delivered', () => {
  expect(verdictOf([{ name: 'a', state: 'delivered' }])).toBe('published');
  expect(
    verdictOf([
      { name: 'a', state: 'delivered' },
      { name: 'b', state: 'unknown' },
    ]),
  ).toBe('not-confirmed');
  expect(
    verdictOf([
      { name: 'a', state: 'waiting' },
      { name: 'b', state: 'refused' },
    ]),
  ).toBe('refused');
  expect(verdictOf([])).toBe('not-confirmed');
});

test('the report: the log line without its prefix and its fix; leftovers that could not be read are not called none', () => {
  const report = reportTestPublish({
    verdict: 'refused',
    agents: [
      {
        name: 'a',
        state: 'refused',
        attempts: 1,
        error: '2026-12-04 05:00:00 - ERROR - a : Replication (ACTIVATE) of x not successful: HTTP/1.1 401 Unauthorized',
      },
    ],
    cleanup: { removed: true, unpublished: [] },
  });
  expect(report.tone).toBe('error');
  expect(report.lines[0]).toBe('a: refused after 1 attempt(s): Replication (ACTIVATE) of x not successful: HTTP/1.1 401 Unauthorized');
  expect(report.lines[1]).toContain('401');
  expect(report.lines).toContain('What the test folder still holds could not be read back.');
  expect(report.lines.join(' ')).not.toContain('Nothing was left behind');
  const problems = testPublishProblems({
    verdict: 'published',
    agents: [{ name: 'a', state: 'delivered' }],
    cleanup: { removed: true, unpublished: ['a'], unpublishDrained: true, leftovers: ['/content/dam/bpsetup-publish-proof/x.png'] },
  });
  expect(problems).toEqual([expect.objectContaining({ id: 'test-publish-leftovers', severity: 'warning' })]);
  // Unpublished and gone here, but the folder's own unpublish not seen delivered: it may remain on Brand Portal.
  const folderLeft = {
    verdict: 'published' as const,
    agents: [{ name: 'a', state: 'delivered' as const }],
    cleanup: { removed: true, unpublished: ['a'], unpublishDrained: true, folderUnpublished: [], leftovers: [] },
  };
  expect(testPublishProblems(folderLeft)).toEqual([
    expect.objectContaining({
      id: 'test-publish-folder-left',
      severity: 'warning',
      title: expect.stringContaining('may remain on Brand Portal'),
    }),
  ]);
  expect(reportTestPublish(folderLeft).lines).toContain(
    'Its folder /content/dam/bpsetup-publish-proof may remain on Brand Portal: remove it there if it does.',
  );
  expect(testPublishProblems({ ...folderLeft, cleanup: { ...folderLeft.cleanup, folderUnpublished: ['a'], folderDrained: true } })).toEqual(
    [],
  );
});

test('only the current tenant’s enabled agents are published through', () => {
  const agent = (i: number, enabled: boolean) => ({
    name: `mp_replication_agent${i}_default_acme`,
    path: '',
    title: '',
    transportUri: 'https://acme.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1',
    enabled,
    closeConnection: true,
    triggerSpecific: true,
  });
  const facts = {
    cloudConfigs: [
      {
        path: '/conf/global/settings/cloudconfigs/mediaportal/acme',
        title: 'acme',
        tenantUrl: 'https://acme.brand-portal.adobe.com',
        imsConfig: 'x',
        legacy: false,
      },
    ],
    agents: [agent(0, true), agent(1, false), agent(2, true)],
  } as unknown as SetupFacts;
  expect(publishingAgents(facts)).toEqual(['mp_replication_agent0_default_acme', 'mp_replication_agent2_default_acme']);
  expect(publishingAgents({} as SetupFacts)).toEqual([]);
});

test('folder rights: a path that can be asked about; read and replicate alone named as not enough; unknown privileges not judged', () => {
  expect(validateFolderPath('').error).toBeTruthy();
  expect(validateFolderPath('content/dam').error).toContain('starts with /');
  expect(validateFolderPath('/content/dam/../etc').error).toBeTruthy();
  expect(validateFolderPath('/content/sites').warning).toBeTruthy();
  expect(validateFolderPath('/content/dam/brand')).toEqual({});
  const all = (v: boolean | null) => ({ 'jcr:read': true, 'jcr:addChildNodes': v, 'jcr:modifyProperties': v, 'crx:replicate': true });
  expect(judgeRights({ path: '/content/dam/b', user: 'ann', privileges: all(false) })).toMatchObject({
    canPublish: false,
    title: expect.stringContaining('read and replicate alone are not enough; it also needs create, modify'),
  });
  expect(judgeRights({ path: '/content/dam/b', user: 'ann', privileges: all(true) }).canPublish).toBe(true);
  expect(judgeRights({ path: '/content/dam/b', user: 'ann', privileges: all(null) }).canPublish).toBeUndefined();
});
