/** What every step sees and may ask of the page. */
import type { TenantAddress } from '../../../core/domain/tenant';
import type { AemSession } from '../../../core/aem/session';
import type { OverridesInForce, ReadArea } from '../../../core/aem/setup-facts';
import type { RequestProblem } from '../../../core/domain/explain-request';
import type { SetupFacts, SetupState } from '../../../core/domain/state';
import type { AuthType, StepId } from '../../../core/domain/types';

export interface LoadProblems {
  version?: RequestProblem;
  keystore?: RequestProblem;
  imsConfigs?: RequestProblem;
  cloud?: RequestProblem;
}

export interface PageContext {
  /** The page's AEM session: every call to AEM goes through it (with its endpoint map). */
  session: AemSession;
  facts: SetupFacts;
  /** Address overrides read from the page settings on the author, any refused, and a failed settings read. */
  overrides: OverridesInForce & { error?: RequestProblem };
  state: SetupState;
  problems: LoadProblems;
  /** Reads again from AEM (after a write: only the areas it can change) and re-renders. */
  refresh(areas?: readonly ReadArea[]): Promise<void>;
  /** Takes what a step has just read from AEM itself (after its write), so nobody reads it again. */
  adopt(read: Pick<SetupFacts, 'imsConfigs'> | Pick<SetupFacts, 'agents'>): void;
  /** Runs Check Health on the active configuration (read-only). */
  runHealth(): Promise<void>;
  /** True while a health check runs. */
  healthRunning: boolean;
  /**
   * Step 6's own save for this tenant and IMS configuration: the cloud service, the wait for its
   * four agents and their Test Connection (the one-action Connect of step 4 ends with it).
   */
  connectTenant(address: TenantAddress, imsConfig: string): Promise<ConnectOutcome>;
  /** A tenant address typed elsewhere (Connect) that step 6's form starts with, unless it holds one. */
  keepTenant(address: TenantAddress): void;
  /** Runs Test Connection on the four agents of the tenant, in parallel (read-only). */
  testAgents(): Promise<void>;
  agentTestsRunning: boolean;
  chooseAuthType(type: AuthType): void;
  /** Records on the author which IMS configuration Brand Portal uses (a write), then re-reads. */
  markImsConfig(pid: string): Promise<void>;
  /** The admin states that Adobe's IMS compatibility hotfix is installed. */
  confirmHotfix(): void;
  stateVersion(version: string): void;
  /** Unfolds a step: an action led there (Connect stopped at it, an edit asked from above). */
  openStep(id: StepId): void;
  /**
   * Where an empty author's page leads with Connect: the IMS form puts its credential field and
   * Connect here while it offers them.
   */
  connectSlot: HTMLElement;
  /** True while the page leads with Connect (an empty author's visit, before anything was made). */
  connectOffered(): boolean;
  /** Adobe's remedy for missing agents: step 6 saves the cloud service again as it is. */
  resaveCloudService(): Promise<void>;
}

/** How far step 6's save got: saved, and how many agents appeared (absent when not read). */
export interface CloudSaveOutcome {
  saved: boolean;
  agents?: number;
}

/** Step 6's save for Connect, and how many agents then passed Test Connection. */
export interface ConnectOutcome extends CloudSaveOutcome {
  connected: number;
}

export interface Step {
  readonly element: HTMLElement;
  update(ctx: PageContext): void;
}
