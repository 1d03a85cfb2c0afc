/**
 * The Brand Portal setup page: mounts into #bpsetup-root, reads where the setup stands from AEM
 * (every load, in parallel), derives each step's state, and lets the steps act. A step never
 * builds a URL; it calls the AEM client and asks the page to refresh.
 */
import * as client from './aem/client';
import { checkAgents } from './domain/agents';
import { summariseSetup } from './domain/consistency';
import { HealthUnavailableError } from './aem/errors';
import { applyEndpointOverrides, resetEndpointOverrides } from './aem/endpoints';
import { explainRequestError } from './domain/explain-request';
import { deriveSetupState, type SetupFacts } from './domain/state';
import { currentTenant } from './domain/tenant';
import type { AgentTestResult, AuthType } from './domain/types';
import { BrandPortalStep } from './steps/brand-portal';
import { CertificateStep } from './steps/certificate';
import type { LoadProblems, PageContext, Step } from './steps/context';
import { DeveloperConsoleStep } from './steps/developer-console';
import { HealthStep } from './steps/health';
import { ImsAccountStep } from './steps/ims-account';
import { PrerequisitesStep } from './steps/prerequisites';
import { stepDefinitions } from './steps/step-definitions';
import { openDiagnostics } from './ui/diagnostics-panel';
import { el } from './ui/dom';
import { t } from './ui/i18n';
import { button, renderRequestProblem } from './ui/problem';
import { renderStepList } from './ui/step-list';
import { renderSummary } from './ui/summary';
import { registerValidators } from './ui/validation-registry';

export const ROOT_ID = 'bpsetup-root';

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

export class SetupPage {
  private facts: SetupFacts = { imsConfigs: [] };
  private problems: LoadProblems = {};
  private healthRunning = false;
  private overrides: PageContext['overrides'] = { applied: [], refused: [] };
  private agentTestsRunning = false;
  /** False until AEM answered once: steps then say "reading", not a guess. */
  private loaded = false;
  private statedVersion?: string;
  private chosenAuthType?: AuthType;
  private readonly stepList = el('div', { class: 'bpsetup-steps-holder' });
  private readonly banner = el('div', { class: 'bpsetup-banner', 'aria-live': 'polite' });
  private readonly summary = el('div', { class: 'bpsetup-summary', 'aria-live': 'polite' });
  private readonly healthButton = button(t('Check health'), 'primary', 'Heart');
  private readonly diagnosticsButton = button(t('Diagnostics report'), 'secondary');
  private readonly steps: Step[] = [new PrerequisitesStep(), new CertificateStep(), new DeveloperConsoleStep(), new ImsAccountStep(), new HealthStep(), new BrandPortalStep()];

  constructor(root: HTMLElement) {
    this.healthButton.classList.add('bpsetup-health-button');
    this.healthButton.addEventListener('click', () => void this.checkWholeSetup());
    this.diagnosticsButton.classList.add('bpsetup-diagnostics-button');
    this.diagnosticsButton.addEventListener('click', () => openDiagnostics(this.diagnosticsButton.parentElement as HTMLElement, this.facts));
    const toolbar = el(
      'div',
      { class: 'bpsetup-toolbar' },
      el('p', { class: 'bpsetup-intro' }, t('Connect this AEM author to Adobe Brand Portal on one page: the IMS technical account, its health check, the Brand Portal cloud service and its four replication agents.')),
      el('div', { class: 'bpsetup-toolbar-actions' }, this.healthButton, this.diagnosticsButton),
    );
    root.append(
      toolbar,
      this.summary,
      this.banner,
      el('section', { class: 'bpsetup-steps-section', 'aria-labelledby': 'bpsetup-steps-heading' }, el('h2', { id: 'bpsetup-steps-heading', class: 'coral-Heading coral-Heading--4' }, t('Setup steps')), this.stepList),
      ...this.steps.map((s) => s.element),
      el('footer', { class: 'bpsetup-footer' }, t('Coral Spectrum {0}', window.Coral?.version ?? t('unknown version'))),
    );
    this.render(); // every step visible at once, "reading" until AEM answers
  }

  /** The page's settings first: address overrides must apply before any other read. */
  private async readSettings(): Promise<void> {
    const settings = await settle(client.readSettings());
    resetEndpointOverrides();
    const overrides = applyEndpointOverrides(settings.value?.endpointOverrides ?? {});
    this.overrides = { applied: overrides.applied, refused: overrides.refused, error: settings.error ? explainRequestError(settings.error) : undefined };
    this.facts = { ...this.facts, markedImsConfig: settings.value?.markedImsConfig };
  }

  /** Reads what AEM has. Each read may fail on its own; the rest of the page keeps working. */
  async refresh(): Promise<void> {
    await this.readSettings();
    const [product, keystore, ims, cloud, agents] = await Promise.all([
      settle(client.productInfo()),
      settle(client.keystore()),
      settle(client.listImsConfigs()),
      settle(client.listCloudConfigs()),
      settle(client.listAgents()),
    ]);
    this.problems = {
      version: product.error ? explainRequestError(product.error) : undefined,
      keystore: keystore.error ? explainRequestError(keystore.error) : undefined,
      imsConfigs: ims.error ? explainRequestError(ims.error) : undefined,
      cloud: (cloud.error ?? agents.error) ? explainRequestError(cloud.error ?? agents.error) : undefined,
    };
    const agentNames = new Set((agents.value ?? []).map((a) => a.name));
    this.facts = {
      ...this.facts,
      version: product.value?.version ?? this.statedVersion,
      versionUnavailable: Boolean(product.error),
      keystore: keystore.value,
      keystoreUnavailable: Boolean(keystore.error),
      imsConfigs: ims.value ?? [],
      imsConfigsError: Boolean(ims.error),
      referencedImsIds: (cloud.value ?? []).map((c) => c.imsConfig).filter(Boolean),
      chosenAuthType: this.chosenAuthType,
      cloudConfigs: cloud.value ?? [],
      cloudConfigsError: Boolean(cloud.error),
      agents: agents.value ?? [],
      // A test result only stands while its agent still exists.
      agentTests: (this.facts.agentTests ?? []).filter((r) => agentNames.has(r.name)),
    };
    this.loaded = true;
    this.render();
  }

  /** Check Health of the active IMS configuration: a read on AEM's side. */
  async runHealth(): Promise<void> {
    const active = deriveSetupState(this.facts).active;
    if (!active || this.healthRunning) return;
    this.healthRunning = true;
    this.banner.textContent = '';
    this.render();
    try {
      // Await first, then spread: agent tests may have landed in the facts meanwhile.
      const health = await client.checkHealth(active.id);
      this.facts = { ...this.facts, health, healthUnavailable: false, healthCheckedAt: new Date().toISOString() };
    } catch (e) {
      // No Check Health on this AEM is a state of its own (step 5 explains it), not an error banner.
      if (e instanceof HealthUnavailableError) this.facts = { ...this.facts, health: undefined, healthUnavailable: true };
      else {
        this.facts = { ...this.facts, health: undefined };
        this.banner.appendChild(renderRequestProblem(explainRequestError(e), () => void this.runHealth()));
      }
    } finally {
      this.healthRunning = false;
      this.render();
    }
  }

  /** Test Connection on the tenant's four agents, in parallel. */
  async testAgents(): Promise<void> {
    const current = currentTenant(this.facts.cloudConfigs ?? []);
    if (!current || this.agentTestsRunning) return;
    const present = checkAgents(this.facts.agents ?? [], current.url, current.tenant).filter((c) => c.agent);
    this.agentTestsRunning = true;
    this.render();
    const results = await Promise.all(
      present.map(async (c): Promise<AgentTestResult> => {
        try {
          return await client.testAgent(c.name);
        } catch (e) {
          return { name: c.name, succeeded: false, status: 0, log: explainRequestError(e).title };
        }
      }),
    );
    this.facts = { ...this.facts, agentTests: results, agentsTestedAt: new Date().toISOString() };
    this.agentTestsRunning = false;
    this.render();
  }

  /** The page's Check health button: reads only — IMS health, agent tests, consistency. */
  async checkWholeSetup(): Promise<void> {
    this.summary.textContent = '';
    this.summary.appendChild(el('p', { class: 'bpsetup-progress' }, t('Checking the whole setup…')));
    await this.refresh();
    await Promise.all([this.runHealth(), this.testAgents()]);
    const state = deriveSetupState(this.facts);
    const result = summariseSetup({
      brandPortalImsConfigs: state.brandPortalConfigs,
      allImsConfigs: this.facts.imsConfigs,
      health: this.facts.health,
      healthUnavailable: this.facts.healthUnavailable,
      keystore: this.facts.keystore,
      cloudConfigs: this.facts.cloudConfigs ?? [],
      agents: this.facts.agents ?? [],
      agentTests: this.facts.agentTests ?? [],
    });
    this.summary.textContent = '';
    this.summary.appendChild(renderSummary(result));
  }

  private context(): PageContext {
    const state = deriveSetupState(this.facts);
    if (!this.loaded) state.steps = state.steps.map((s) => ({ ...s, status: 'unknown', summary: t('Reading what AEM has…') }));
    return {
      facts: this.facts,
      state,
      problems: this.problems,
      healthRunning: this.healthRunning,
      agentTestsRunning: this.agentTestsRunning,
      overrides: this.overrides,
      refresh: () => this.refresh(),
      markImsConfig: async (pid) => {
        await client.markImsConfig(pid);
        await this.refresh();
      },
      confirmHotfix: () => {
        this.facts = { ...this.facts, hotfixConfirmed: true };
        this.render();
      },
      runHealth: () => this.runHealth(),
      testAgents: () => this.testAgents(),
      chooseAuthType: (type) => {
        if (this.chosenAuthType === type) return;
        this.chosenAuthType = type;
        this.facts = { ...this.facts, chosenAuthType: type };
        this.render();
      },
      stateVersion: (version) => {
        this.statedVersion = version;
        this.facts = { ...this.facts, version };
        this.render();
      },
    };
  }

  private render(): void {
    const ctx = this.context();
    this.stepList.textContent = '';
    this.stepList.appendChild(renderStepList(stepDefinitions(), ctx.state.steps));
    this.healthButton.disabled = this.healthRunning || this.agentTestsRunning || !this.loaded;
    for (const step of this.steps) step.update(ctx);
  }
}

export function mountSetupPage(root: HTMLElement): SetupPage | undefined {
  if (root.dataset.bpsetupMounted === 'true') return undefined;
  root.dataset.bpsetupMounted = 'true';
  root.textContent = '';
  registerValidators();
  const page = new SetupPage(root);
  void page.refresh();
  return page;
}
