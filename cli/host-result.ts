/** What one command did on one author: the fleet summary, the JSON report and the exit code come from this. */
import type { SetupProblem } from '../core/domain/consistency';
import type { EvidenceCapture } from './evidence';
import type { ProbeReport } from './probe';
import type { ReportedOverrides, networkOf } from '../core/domain/diagnostics';
import type { TestPublishOutcome } from '../core/domain/test-publish';
import type { InstanceIdentity } from '../core/domain/fleet-rules';

/** One property an update changes. */
export interface Difference {
  property: string;
  from: string;
  to: string;
}

export interface Change {
  action: string;
  path: string;
  /** An update: what changes, property by property (a secret is never shown). */
  differences?: Difference[];
  /** `--dry-run`: what would be written; nothing was sent. */
  planned?: boolean;
}

export interface HostFailure {
  /** Why the author could not be checked at all: its credentials refused, or no answer. */
  reason?: 'authentication' | 'unreachable' | 'not-aem' | 'publish';
  title: string;
  explanation: string;
  fix: string;
  status?: number;
}

export interface HostResult {
  url: string;
  command: string;
  /** 0 healthy / done, 1 problems found, 2 cannot connect. */
  exit: 0 | 1 | 2;
  version?: string;
  /** The tenant the author publishes to (its current Brand Portal cloud service), where read. */
  tenantUrl?: string;
  /** The address overrides the page's settings hold: those in force, those refused, those not applied (and why). */
  addressOverrides?: ReportedOverrides;
  /** `check`: the instance Sling says this address reaches, and its cluster (authors sharing one repository count as one). */
  instance?: InstanceIdentity;
  /** AEM's proxy configurations as read, and the outgoing connections publishing needs. */
  network?: ReturnType<typeof networkOf>;
  healthy?: boolean;
  problems?: SetupProblem[];
  /** `check --publish-test`: what the test publish did, per agent, and its cleanup. */
  testPublish?: TestPublishOutcome;
  /** What proved that AEM gets a token, if anything did. */
  tokenProvenBy?: 'checkHealth' | 'agentTest' | 'nothing';
  agentsConnected?: number;
  changes: Change[];
  failure?: HostFailure;
  report?: string;
  probe?: ProbeReport;
  /** `probe --bundle`: the masked evidence capture (its survey is `probe`). */
  evidence?: EvidenceCapture;
  /** Requests this run sent to the author, and how many were writes. */
  requests?: { total: number; writes: number };
}
