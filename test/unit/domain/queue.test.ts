/** The replication queue as AEM reports it, and the last error of an agent's log. */
import fc from 'fast-check';
import { lastLoggedError, parseQueue } from '../../../core/domain/queue';

const status = (over: Record<string, unknown> = {}) => ({
  agentName: 'a',
  agentId: 'a',
  isBlocked: false,
  isPaused: false,
  time: 1_700_000_100_000,
  processingSince: 0,
  lastProcessTime: 0,
  nextRetryPeriod: 0,
  ...over,
});

test('an empty, idle queue', () => {
  expect(parseQueue({ metaData: { queueStatus: status() }, queue: [] })).toEqual({ blocked: false, paused: false, pending: 0 });
});

test('a blocked queue: the first item, its attempts, the oldest time and the retry', () => {
  const queue = [
    { id: 'x1', path: '/content/dam/a.jpg', time: 1_700_000_000_000, userid: 'admin', type: 'Activate', lastProcessed: 1, numProcessed: 7 },
    { id: 'x2', path: '/content/dam/b.jpg', time: 1_700_000_050_000, userid: 'admin', type: 'Activate', lastProcessed: 0, numProcessed: 0 },
  ];
  expect(parseQueue({ metaData: { queueStatus: status({ isBlocked: true, nextRetryPeriod: 30000 }) }, queue })).toEqual({
    blocked: true,
    paused: false,
    pending: 2,
    oldestQueuedAt: 1_700_000_000_000,
    head: { path: '/content/dam/a.jpg', attempts: 7 },
    paths: ['/content/dam/a.jpg', '/content/dam/b.jpg'],
    retryInMs: 30000,
  });
  expect(parseQueue({ metaData: { queueStatus: status({ isPaused: true }) }, queue: [] })).toMatchObject({ paused: true, blocked: false });
});

test('an answer of another shape is not a queue: nothing is judged from it (the reset does not run)', () => {
  for (const bad of [null, [], {}, { queue: [] }, { metaData: {}, queue: [] }, { metaData: { queueStatus: {} }, queue: 3 }, 'x'])
    expect(parseQueue(bad)).toBeUndefined();
  // "true" as text is not AEM's boolean: not blocked.
  expect(parseQueue({ metaData: { queueStatus: status({ isBlocked: 'true' }) }, queue: [] })?.blocked).toBe(false);
});

test('any JSON either parses as a queue with a count that matches its items, or is refused', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const q = parseQueue(value);
      if (q) expect(q.pending).toBe(((value as { queue: unknown[] }).queue ?? []).length);
    }),
  );
});

test("the log's last error line, tags and entities removed; none when the log has no error", () => {
  const log = `<html><body><pre>04.12.2026 10:00:00 - INFO - mp_replication_agent0_default_acme : Sending POST request
04.12.2026 10:00:01 - ERROR - mp_replication_agent0_default_acme : Replication (ACTIVATE) of /content/dam/a.jpg not successful: java.net.UnknownHostException: acme.brand-portal.adobe.com
04.12.2026 10:00:31 - ERROR - mp_replication_agent0_default_acme : Replication (ACTIVATE) of /content/dam/a.jpg not successful: HTTP/1.1 401 &lt;Unauthorized&gt;
04.12.2026 10:00:32 - INFO - mp_replication_agent0_default_acme : Retrying in 30 s</pre></body></html>`;
  expect(lastLoggedError(log)).toBe(
    '04.12.2026 10:00:31 - ERROR - mp_replication_agent0_default_acme : Replication (ACTIVATE) of /content/dam/a.jpg not successful: HTTP/1.1 401 <Unauthorized>',
  );
  expect(lastLoggedError('<pre>04.12.2026 10:00:00 - INFO - all good</pre>')).toBeUndefined();
});
