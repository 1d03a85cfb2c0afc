/**
 * Fault injection [contract: The emulator's control routes, journal and faults], off unless the emulator starts with `faults: true`
 * (`--faults` or BPSETUP_EMULATOR_FAULTS=1). State is in memory, deterministic (no randomness),
 * and cleared by DELETE /__emulator/faults or a reset.
 */
import type { ImsErrorCode } from './ims-stub';

export interface RouteFault {
  /** Path prefix the fault applies to, e.g. `/apps/bpsetup/ims/update`. */
  path: string;
  method?: string;
  /** Answer with this status instead of the real handler. */
  status?: number;
  body?: string;
  contentType?: string;
  /** Wait this long before answering (or before the real handler runs). */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Apply this many times, then disappear (default: until cleared). */
  times?: number;
}

export interface FaultState {
  routes: RouteFault[];
  /** Every IMS token request answers with this error (400, 401 for invalid_client). */
  ims?: ImsErrorCode;
  /** Saving the Brand Portal cloud service creates no replication agents. */
  agentsNotCreated?: boolean;
  /** token.json is blocked (404, as a Dispatcher without the rule) or answers an unusable token. */
  csrf?: 'blocked' | 'invalid';
  /** Test Connection fails on the Brand Portal side whatever the state. */
  testConnection?: 'fail';
  /**
   * Items waiting in the replication queue of one agent (or of every agent), queued `ageMs` ago;
   * `blocked` makes AEM retry the first item, with `error` in the agent's log; `paused` pauses it.
   */
  queue?: { agent?: string; items: number; ageMs?: number; blocked?: boolean; paused?: boolean; error?: string };
  /** The Brand Portal tenant refuses every delivery with this text (the agent's queue blocks, as AEM's does). */
  tenantRefuses?: string;
  /** AEM's Replicator refuses to queue the test publish (a ReplicationException with this text). */
  replicatorRefuses?: string;
  /**
   * Resource-type servlets do not take our package's nodes (the binding the contract INFERs fails):
   * Sling's default POST servlet handles those POSTs instead.
   */
  servletsUnbound?: boolean;
  /**
   * AEM's IMS servlet does not know the OAuth field names the page sends (they are UNKNOWN): it
   * stores what it knows (title, server, client id, secret) as a configuration that is not OAuth.
   */
  imsIgnoresOauthFields?: boolean;
}

export const emptyFaults = (): FaultState => ({ routes: [] });

/** Finds the route fault for a request and consumes one of its `times`. */
export function takeRouteFault(state: FaultState, method: string, path: string): RouteFault | undefined {
  const fault = state.routes.find((f) => path.startsWith(f.path) && (!f.method || f.method.toUpperCase() === method));
  if (!fault) return undefined;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) state.routes = state.routes.filter((f) => f !== fault);
  }
  return fault;
}
