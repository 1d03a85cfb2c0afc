/**
 * An agent's replication queue as AEM reports it (`<agent>/jcr:content.queue.json`,
 * [contract: Brand Portal cloud service and agents]): `metaData.queueStatus` with `isBlocked`,
 * `isPaused`, `time`, `nextRetryPeriod`, and `queue`, the waiting items with `path`, `time`
 * (queued at, ms) and `numProcessed` (attempts). Pure: no I/O.
 */
import { htmlToText } from './html-text';

export interface AgentQueue {
  /** AEM retries the first item (a failed attempt): nothing behind it is published meanwhile. */
  blocked: boolean;
  /** Someone paused the queue in the replication console. */
  paused: boolean;
  pending: number;
  /** When the oldest waiting item was queued (ms since the epoch), where AEM says. */
  oldestQueuedAt?: number;
  /** The first item, the one AEM tries (and, when blocked, tries again). */
  head?: { path: string; attempts?: number };
  /** Every waiting item's path, in queue order (absent when none is waiting). */
  paths?: string[];
  /** How long until AEM retries a blocked queue, where AEM says. */
  retryInMs?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** The queue, or undefined when the answer is not AEM's queue shape (then nothing is judged from it). */
export function parseQueue(json: unknown): AgentQueue | undefined {
  if (!isObject(json) || !isObject(json.metaData) || !isObject(json.metaData.queueStatus) || !Array.isArray(json.queue)) return undefined;
  const status = json.metaData.queueStatus;
  const items = json.queue.filter(isObject);
  const times = items.map((i) => positive(i.time)).filter((t): t is number => t !== undefined);
  const first = items[0];
  return {
    blocked: status.isBlocked === true,
    paused: status.isPaused === true,
    pending: json.queue.length,
    ...(times.length && { oldestQueuedAt: Math.min(...times) }),
    ...(first && typeof first.path === 'string' && { head: { path: first.path, attempts: positive(first.numProcessed) } }),
    ...(items.length && { paths: items.map((i) => i.path).filter((p): p is string => typeof p === 'string') }),
    ...(status.isBlocked === true && positive(status.nextRetryPeriod) && { retryInMs: positive(status.nextRetryPeriod) }),
  };
}

/**
 * The last error an agent's log shows (`<agent>.log.html`, INFERRED: AEM's "View log"), as text:
 * lines carry ` - ERROR - ` (or `*ERROR*`). Undefined when the log shows none.
 */
/**
 * Whether the agent log says AEM delivered this path: its line `Replication (ACTIVATE) of <path>
 * successful` (or DEACTIVATE). The only positive evidence of a delivery: an item that merely left
 * the queue may have been taken out by someone else.
 */
export function loggedDelivery(html: string, type: 'ACTIVATE' | 'DEACTIVATE', path: string): boolean {
  const line = ` - INFO - `;
  const success = `Replication (${type}) of ${path} successful`;
  return htmlToText(html)
    .split('\n')
    .some((l) => l.includes(line) && (l.trimEnd().endsWith(success) || l.trimEnd().endsWith(`${success}.`)));
}

export function lastLoggedError(html: string): string | undefined {
  const text = htmlToText(html);
  const errors = text.split('\n').filter((line) => / - ERROR - |\*ERROR\*/.test(line));
  return errors.length ? errors[errors.length - 1].trim().slice(0, 500) : undefined;
}
