/**
 * Replication as AEM's agents do it, for what the emulator publishes itself (the test publish):
 * each agent has a queue; an item is delivered to the Brand Portal tenant after a short delay,
 * under the same conditions Test Connection checks (enabled agent, known tenant, a token, the
 * tenant user holding the current key), or when the tenant refuses it stays at the head of the
 * queue and blocks it, retried later, with the reason in the agent's log, as AEM's queue does.
 * [contract: Brand Portal cloud service and agents]
 */
// Node's own timers (unref), whatever global timers the host process has (a test's jsdom too).
import { clearTimeout, setTimeout } from 'node:timers';
import type { EmulatorContext } from './context';

export interface QueueItem {
  id: string;
  path: string;
  type: 'Activate' | 'Deactivate';
  /** When it was queued (ms). */
  time: number;
  userid: string;
  lastProcessed: number;
  numProcessed: number;
}

/** Why the agent cannot deliver right now (the log line AEM writes), or undefined when it can. */
export type DeliveryCheck = (ctx: EmulatorContext, agent: string) => Promise<string | undefined>;

/** What a delivered item does at the tenant. */
export type Receive = (ctx: EmulatorContext, agent: string, item: QueueItem) => void;

const logTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export class ReplicationQueues {
  private readonly queues = new Map<string, QueueItem[]>();
  private readonly logs = new Map<string, string[]>();
  /** When a blocked agent tries its head item again (ms), per agent. */
  private readonly retryAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private count = 0;

  constructor(
    private readonly delayMs: number,
    private readonly retryMs: number,
  ) {}

  items(agent: string): readonly QueueItem[] {
    return this.queues.get(agent) ?? [];
  }

  logLines(agent: string): readonly string[] {
    return this.logs.get(agent) ?? [];
  }

  /** ms until the blocked agent retries; 0 when it is not blocked. */
  nextRetryIn(agent: string, now = Date.now()): number {
    const at = this.retryAt.get(agent);
    return at === undefined ? 0 : Math.max(1, at - now);
  }

  enqueue(
    ctx: EmulatorContext,
    agent: string,
    path: string,
    type: QueueItem['type'],
    userid: string,
    check: DeliveryCheck,
    receive: Receive,
  ): void {
    const list = this.queues.get(agent) ?? [];
    this.queues.set(agent, list);
    list.push({ id: `proof-${++this.count}`, path, type, time: Date.now(), userid, lastProcessed: 0, numProcessed: 0 });
    this.log(agent, 'INFO', `Replication (${type.toUpperCase()}) of ${path} queued`);
    this.schedule(ctx, check, receive);
  }

  /** The items for this path leave the agent's queue (ReplicationQueue.clear); true when there were some. */
  remove(agent: string, path: string): boolean {
    const list = this.queues.get(agent) ?? [];
    const kept = list.filter((i) => i.path !== path);
    if (kept.length === list.length) return false;
    this.queues.set(agent, kept);
    if (!kept.length) this.retryAt.delete(agent);
    return true;
  }

  clear(): void {
    this.queues.clear();
    this.logs.clear();
    this.retryAt.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private log(agent: string, level: 'INFO' | 'ERROR', text: string): void {
    const lines = this.logs.get(agent) ?? [];
    lines.push(`${logTime(Date.now())} - ${level} - ${agent} : ${text}`);
    this.logs.set(agent, lines.slice(-200));
  }

  private schedule(ctx: EmulatorContext, check: DeliveryCheck, receive: Receive): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.process(ctx, check, receive);
    }, this.delayMs);
    this.timer.unref();
  }

  private async process(ctx: EmulatorContext, check: DeliveryCheck, receive: Receive): Promise<void> {
    const now = Date.now();
    for (const [agent, list] of this.queues) {
      const head = list[0];
      if (!head || (this.retryAt.get(agent) ?? 0) > now) continue;
      const refusal = await check(ctx, agent);
      if (this.queues.get(agent) !== list || list[0] !== head) continue; // removed, or the queues cleared, meanwhile
      if (refusal) {
        head.numProcessed += 1;
        head.lastProcessed = now;
        this.retryAt.set(agent, now + this.retryMs);
        this.log(agent, 'ERROR', `Replication (${head.type.toUpperCase()}) of ${head.path} not successful: ${refusal}`);
        continue;
      }
      list.shift();
      this.retryAt.delete(agent);
      receive(ctx, agent, head);
      this.log(agent, 'INFO', `Replication (${head.type.toUpperCase()}) of ${head.path} successful`);
    }
    if ([...this.queues.values()].some((l) => l.length)) this.schedule(ctx, check, receive);
  }
}
