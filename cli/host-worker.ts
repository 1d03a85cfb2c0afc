/**
 * One author, one command: its own AEM session (transport, CSRF token, address overrides, lookups)
 * and client. Each runs in a worker thread only as a guard, so that a host that hangs or fails
 * never takes the others with it. Talks to the parent by messages only; it prints nothing, so no
 * credential or secret can reach a terminal from here.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createAemClient } from '../core/aem/client';
import { createAemSession } from '../core/aem/session';
import { diagnosticsReport, reportedOverrides } from '../core/domain/diagnostics';
import { check, inspect, unreachableResult } from './commands/inspect';
import { setup } from './commands/setup';
import { removeOrphans } from './commands/remove-orphans';
import type { Host } from './hosts';
import type { HostResult } from './host-result';
import { NodeTransport } from './node-transport';
import { ENDPOINTS } from '../core/contract/endpoints';
import { probe } from './probe';
import { captureEvidence } from './evidence';
import type { SetupConfig } from './setup-config';

export type CommandName = 'check' | 'setup' | 'migrate' | 'remove-orphans' | 'diagnostics' | 'probe';

export interface HostTask {
  command: CommandName;
  host: Host;
  dryRun?: boolean;
  updateSecret?: boolean;
  replaceTenant?: boolean;
  config?: SetupConfig;
  clientSecret?: string;
  requestTimeoutMs?: number;
  /** `check --publish-test`: also publish a test asset through the tenant's agents (and clean up). */
  publishTest?: boolean;
  /** `probe --bundle`: the evidence capture, of which the probe is one part. */
  bundle?: boolean;
}

export type WorkerMessage = { type: 'progress'; text: string } | { type: 'result'; result: HostResult };

const writes = (command: CommandName, dryRun?: boolean) =>
  (command === 'setup' || command === 'migrate' || command === 'remove-orphans') && !dryRun;

export async function runTask(task: HostTask, progress: (text: string) => void): Promise<HostResult> {
  const { url } = task.host;
  const transport = new NodeTransport({
    baseUrl: url,
    credentials: { user: task.host.user, password: task.host.password },
    // Everything but a real setup or migration is read-only, enforced before a request leaves.
    readOnly: !writes(task.command, task.dryRun),
    // check --publish-test writes through the package's test publish only, which writes only in its own folder.
    writablePath: task.command === 'check' && task.publishTest ? ENDPOINTS.publishProof.path : undefined,
    timeoutMs: task.requestTimeoutMs ?? 60000,
    userAgent: 'bpsetup-cli',
  });
  const client = createAemClient(createAemSession({ transport: transport.forClient() }));
  let result: HostResult;
  switch (task.command) {
    case 'check':
      progress('checking');
      result = await check(client, url, task.publishTest ? (text) => progress(text) : undefined);
      break;
    case 'setup':
    case 'migrate':
      result = await setup(
        client,
        url,
        {
          config: task.config as SetupConfig,
          clientSecret: task.clientSecret as string,
          dryRun: Boolean(task.dryRun),
          updateSecret: Boolean(task.updateSecret),
          replaceTenant: Boolean(task.replaceTenant),
          progress,
        },
        task.command,
      );
      break;
    case 'remove-orphans':
      progress('reading');
      result = await removeOrphans(client, url, Boolean(task.dryRun), progress);
      break;
    case 'diagnostics': {
      progress('reading');
      const inspection = await inspect(client);
      result = inspection.unreachable
        ? unreachableResult(url, 'diagnostics', inspection.unreachable)
        : {
            url,
            command: 'diagnostics',
            exit: 0,
            version: inspection.facts.version,
            changes: [],
            report: diagnosticsReport(inspection.facts, {
              page: `bpsetup diagnostics ${url}`,
              userAgent: 'bpsetup-cli',
              addressOverrides: inspection.overrides && reportedOverrides(inspection.overrides, inspection.endpoints),
            }),
          };
      break;
    }
    case 'probe':
      progress('probing');
      if (task.bundle) {
        const evidence = await captureEvidence(transport);
        result = { url, command: 'probe', exit: 0, changes: [], probe: evidence.survey, evidence };
      } else result = { url, command: 'probe', exit: 0, changes: [], probe: await probe(transport) };
      break;
  }
  // Which instance this is, for the one-tenant-per-author rule across the fleet (a cluster counts once).
  if (result.tenantUrl && result.exit !== 2) result = { ...result, instance: await client.instanceIdentity() };
  const sent = transport.exchanges;
  return { ...result, requests: { total: sent.length, writes: sent.filter((x) => x.method !== 'GET' && x.method !== 'HEAD').length } };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const task = workerData as HostTask;
  const send = (message: WorkerMessage) => port.postMessage(message);
  runTask(task, (text) => send({ type: 'progress', text }))
    .then((result) => send({ type: 'result', result }))
    .catch((e: unknown) =>
      send({
        type: 'result',
        result: {
          url: task.host.url,
          command: task.command,
          exit: 2,
          changes: [],
          failure: {
            title: 'The command failed on this host',
            explanation: (e as Error).message,
            fix: 'Run it again for this host alone; report the message if it repeats.',
          },
        },
      }),
    );
}
