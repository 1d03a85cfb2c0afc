/**
 * Running one command on many authors: each host with its own AEM session, in its own worker
 * thread so that a host that hangs can be stopped (the thread is terminated at the timeout), at
 * most `concurrency` at a time; one host failing never stops the others.
 * Progress through listr2: a live display on a terminal, plain lines in CI, nothing with --json.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Listr } from 'listr2';
import type { HostResult } from './host-result';
import type { HostTask, WorkerMessage } from './host-worker';
import { terminalSafe } from './terminal-safe';

export interface FleetOptions {
  concurrency: number;
  timeoutSeconds: number;
  /** No progress output at all (the JSON goes to stdout). */
  quiet: boolean;
}

const WORKER = join(__dirname, 'host-worker.js');

export function runOnHost(task: HostTask, timeoutSeconds: number, progress: (text: string) => void): Promise<HostResult> {
  return new Promise((resolve) => {
    // stdout/stderr of the thread are not passed on: nothing it could print reaches a terminal.
    const worker = new Worker(WORKER, { workerData: task, stdout: true, stderr: true });
    let settled = false;
    const finish = (result: HostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const gaveUp = (explanation: string): HostResult => ({
      url: task.host.url,
      command: task.command,
      exit: 2,
      changes: [],
      failure: {
        reason: 'unreachable',
        title: 'No answer from this host',
        explanation,
        fix: 'Check that the author is up and reachable, or raise --timeout.',
      },
    });
    const timer = setTimeout(() => finish(gaveUp(`The ${task.command} did not finish within ${timeoutSeconds} s.`)), timeoutSeconds * 1000);
    worker.on('message', (m: WorkerMessage) => (m.type === 'progress' ? progress(m.text) : finish(m.result)));
    worker.on('error', (e) => finish(gaveUp(`The worker failed: ${e.message}`)));
    worker.on('exit', (code) => finish(gaveUp(`The worker stopped (exit ${code}) before answering.`)));
  });
}

const label = (r: HostResult): string => {
  if (r.exit === 2 && !r.failure) return `could not read ${r.problems?.filter((p) => p.severity === 'unknown').length ?? 0} part(s)`;
  if (r.exit === 2) return `cannot check: ${r.failure?.title ?? ''}`;
  if (r.failure) return `problem: ${r.failure.title}`;
  if (r.healthy === false) return `${r.problems?.filter((p) => p.severity === 'error').length ?? 0} problem(s)`;
  if (r.command !== 'setup' && r.command !== 'migrate') return r.healthy ? 'healthy' : 'done';
  const changed = r.changes.length ? `${r.changes.length} change(s)${r.changes.some((c) => c.planned) ? ' planned' : ''}` : 'no change';
  return r.healthy ? `healthy, ${changed}` : changed;
};

export async function runFleet(tasks: HostTask[], options: FleetOptions): Promise<HostResult[]> {
  const results: HostResult[] = new Array(tasks.length);
  const list = new Listr(
    tasks.map((task, i) => ({
      title: task.host.url,
      task: async (_ctx: unknown, t: { output: string; title: string }) => {
        results[i] = await runOnHost(task, options.timeoutSeconds, (text) => {
          t.output = terminalSafe(text);
        });
        t.title = terminalSafe(`${task.host.url}: ${label(results[i])}`);
        // A host with problems or not checked is marked as failed (✖), never with the success mark.
        if (results[i].exit !== 0) throw new Error(t.title);
      },
    })),
    {
      concurrent: options.concurrency,
      exitOnError: false,
      renderer: options.quiet ? 'silent' : 'default',
      fallbackRenderer: options.quiet ? 'silent' : 'simple',
    },
  );
  await list.run();
  return results;
}

/** The fleet's exit code: the worst host's (0 all healthy, 1 problems, 2 a host could not be checked). */
export const fleetExit = (results: HostResult[]): 0 | 1 | 2 =>
  results.reduce<0 | 1 | 2>((worst, r) => (r.exit > worst ? r.exit : worst), 0);

export { label as resultLabel };
