/**
 * The Brand Portal setup page: mounts into #bpsetup-root, reads where the setup stands from AEM
 * (every load, in parallel), derives each step's state, and lets the steps act. A step never
 * builds a URL; it calls the AEM client and asks the page to refresh.
 */
import { type SettingsGuard, markImsConfig } from '../../../core/aem/settings-client';
import type { AemSession } from '../../../core/aem/session';
import {
  EVERY_AREA,
  type ReadArea,
  type SetupReading,
  checkActiveHealth,
  keystoreNeeded,
  readSetupFacts,
  testTenantAgents,
} from '../../../core/aem/setup-facts';
import { type RequestProblem, explainRequestError } from '../../../core/domain/explain-request';
import { agentsProvenRecently, healthSettled } from '../../../core/domain/freshness';
import { deriveSetupState, type SetupFacts } from '../../../core/domain/state';
import { currentTenant } from '../../../core/domain/tenant';
import { connectedAgents } from '../../../core/domain/agents';
import { BrandPortalStep } from '../features/brand-portal/brand-portal';
import { CertificateStep } from '../features/certificate/certificate';
import type { LoadProblems, PageContext, Step } from './port';
import { DeveloperConsoleStep } from '../features/developer-console/developer-console';
import { HealthStep } from '../features/health/health';
import { ImsAccountStep } from '../features/ims-account/ims-account';
import { PrerequisitesStep, loadOverrides } from '../features/prerequisites/prerequisites';
import { stepDefinitions } from './step-definitions';
import { el } from '../ui/dom';
import { t } from '../../../core/i18n';
import { PANELS_MARK, READY_MARK, mark } from './timing';
import { renderRequestProblem, showResult } from '../ui/problem';
import { button } from '../ui/coral';
import { renderStepList } from '../ui/step-list';
import { onDemand } from '../ui/on-demand';
import { loadPart } from './parts';

export const ROOT_ID = 'bpsetup-root';

const loadSummary = onDemand(() => loadPart('summary'));
const loadDiagnostics = onDemand(() => loadPart('diagnostics'));

export class SetupPage {
  private facts: SetupFacts = { imsConfigs: [] };
  private problems: LoadProblems = {};
  private healthRunning = false;
  /** The Check Health in flight, if any. */
  private healthRun?: Promise<void>;
  private overrides: PageContext['overrides'] = { applied: [], refused: [] };
  private agentTestsRunning = false;
  /** False until AEM answered once: steps then say "reading", not a guess. */
  private loaded = false;
  /** A version the admin stated where AEM does not report one. */
  private readonly stepList = el('div', { class: 'bpsetup-steps-holder' });
  private readonly banner = el('div', { class: 'bpsetup-banner', 'aria-live': 'polite' });
  private readonly summary = el('div', { class: 'bpsetup-summary', 'aria-live': 'polite' });
  /** The test publish and the rights preflight, after a whole-setup check: outside the live region. */
  private readonly afterSetup = el('div', { class: 'bpsetup-after-setup-holder' });
  /** Named apart from step 5's Check health, so every button's label says what it runs. */
  private readonly healthButton = button(t('Check the whole setup'), 'primary', 'Heart');
  private readonly diagnosticsButton = button(t('Diagnostics report'), 'secondary');
  /** The steps' panels, built once AEM has answered (see refresh). */
  private steps: Step[] = [];
  /** Step 6, which step 4's Connect hands the tenant to. */
  private readonly brandPortal = new BrandPortalStep();
  private firstAnswer?: Promise<void>;
  private readonly panels = el('div', { class: 'bpsetup-panels' });

  constructor(
    root: HTMLElement,
    /** The page's one AEM session: every request, its CSRF token, the overrides in force. */
    private readonly session: AemSession,
  ) {
    this.healthButton.classList.add('bpsetup-health-button');
    this.healthButton.addEventListener('click', () => void this.checkWholeSetup());
    this.diagnosticsButton.classList.add('bpsetup-diagnostics-button');
    this.diagnosticsButton.addEventListener('click', () => {
      const actions = this.diagnosticsButton.parentElement as HTMLElement;
      loadDiagnostics(this.banner, () => this.diagnosticsButton.click()).then(
        ({ openDiagnostics }) => openDiagnostics(actions, this.facts, this.overrides, this.session.endpoints),
        () => undefined,
      );
    });
    const toolbar = el(
      'div',
      { class: 'bpsetup-toolbar' },
      el(
        'p',
        { class: 'bpsetup-intro' },
        t(
          'Connect this AEM author to Adobe Brand Portal on one page: the IMS technical account, its health check, the Brand Portal cloud service and its four replication agents.',
        ),
      ),
      el('div', { class: 'bpsetup-toolbar-actions' }, this.healthButton, this.diagnosticsButton),
    );
    root.append(
      toolbar,
      this.summary,
      this.afterSetup,
      this.banner,
      el(
        'section',
        { class: 'bpsetup-steps-section', 'aria-labelledby': 'bpsetup-steps-heading' },
        el('h2', { id: 'bpsetup-steps-heading', class: 'coral-Heading coral-Heading--4' }, t('Setup steps')),
        this.stepList,
      ),
      this.panels,
      el('footer', { class: 'bpsetup-footer' }, t('Coral Spectrum {0}', window.Coral?.version ?? t('unknown version'))),
    );
    this.render(); // every step visible at once, "reading" until AEM answers
  }

  /**
   * Reads what AEM has: everything, or after one of the page's writes only the areas that write can
   * change. Each read may fail on its own; the rest of the page keeps working.
   */
  async refresh(areas: readonly ReadArea[] = EVERY_AREA, started?: Promise<SetupReading>): Promise<void> {
    const { facts, errors, overrides } = await (started ??
      // What only this visit knows (a stated version, the chosen type) is in the facts and carried over.
      readSetupFacts(this.session, this.facts, areas, guardSettings));
    const explain = (e: unknown) => (e ? explainRequestError(e, this.session.endpoints) : undefined);
    const read = (area: ReadArea, e: unknown, kept: RequestProblem | undefined) => (areas.includes(area) ? explain(e) : kept);
    if (areas.includes('settings')) this.overrides = { ...overrides, error: explain(errors.settings) };
    this.problems = {
      version: read('version', errors.version, this.problems.version),
      keystore: read('keystore', errors.keystore, this.problems.keystore),
      imsConfigs: read('imsConfigs', errors.imsConfigs, this.problems.imsConfigs),
      cloud: areas.includes('cloud') || areas.includes('agents') ? explain(errors.cloud) : this.problems.cloud,
    };
    if (!this.steps.length) await (this.firstAnswer ??= this.showFirstAnswer(facts));
    this.facts = facts;
    this.loaded = true;
    this.render();
  }

  /**
   * The first answer: the step list with every step's state goes up at once, and the six panels
   * (forms, tables: most of the page's Coral components) are built in the next task, so the
   * browser shows where the setup stands before it builds what the admin will act on.
   */
  private async showFirstAnswer(facts: SetupFacts): Promise<void> {
    this.facts = facts;
    this.loaded = true;
    this.renderStepList(this.context());
    mark(READY_MARK);
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.steps = [
      new PrerequisitesStep(),
      new CertificateStep(),
      new DeveloperConsoleStep(),
      new ImsAccountStep(),
      new HealthStep(),
      this.brandPortal,
    ];
    this.panels.append(...this.steps.map((step) => step.element));
    mark(PANELS_MARK);
  }

  /** Check Health of the active IMS configuration: a read on AEM's side. */
  async runHealth(): Promise<void> {
    // A second ask waits for the run in flight; that run checked the configuration active when it
    // started, so when another one is active now (a save that gave way to another admin's), ask again.
    while (this.healthRun) {
      await this.healthRun;
      if (this.facts.healthUnavailable || this.facts.health?.id === deriveSetupState(this.facts).active?.id) return;
    }
    if (!deriveSetupState(this.facts).active) return;
    this.healthRun = this.checkHealthNow();
    try {
      await this.healthRun;
    } finally {
      this.healthRun = undefined;
    }
  }

  private async checkHealthNow(): Promise<void> {
    this.healthRunning = true;
    this.banner.textContent = '';
    this.render();
    // Await first, then spread: agent tests may have landed in the facts meanwhile.
    const result = await checkActiveHealth(this.session, this.facts);
    // No Check Health on this AEM is a state of its own (step 5 explains it), not an error banner.
    this.facts = {
      ...this.facts,
      health: result.health,
      healthUnavailable: Boolean(result.unavailable),
      healthCheckedAt: result.health ? new Date().toISOString() : this.facts.healthCheckedAt,
    };
    if (result.error)
      this.banner.appendChild(renderRequestProblem(explainRequestError(result.error, this.session.endpoints), () => void this.runHealth()));
    this.healthRunning = false;
    this.render();
  }

  /** Test Connection on the tenant's four agents, in parallel. */
  async testAgents(): Promise<void> {
    if (!currentTenant(this.facts.cloudConfigs ?? []) || this.agentTestsRunning) return;
    this.agentTestsRunning = true;
    this.render();
    const results = await testTenantAgents(this.session, this.facts, (e) => explainRequestError(e, this.session.endpoints).title);
    this.facts = { ...this.facts, agentTests: results, agentsTestedAt: new Date().toISOString() };
    this.agentTestsRunning = false;
    this.render();
  }

  /**
   * The page's Check health button: reads only — IMS health, agent tests, consistency. Agent tests
   * that all succeeded in the last minute (right after a setup) prove the token, the tenant and
   * the replication user, so they are shown again instead of asked again; Check Health is run
   * unless it is fresh and healthy, or unavailable on this AEM. Anything else: everything is read
   * and checked again.
   */
  async checkWholeSetup(): Promise<void> {
    showResult(this.summary, el('p', { class: 'bpsetup-progress' }, t('Checking the whole setup…')));
    if (!agentsProvenRecently(this.facts)) {
      await this.refresh();
      await Promise.all([this.runHealth(), this.testAgents(), this.readPublishing()]);
    } else await Promise.all([healthSettled(this.facts) ? undefined : this.runHealth(), this.readPublishing()]);
    const part = await loadSummary(this.summary, () => void this.checkWholeSetup()).catch(() => undefined);
    if (part) {
      showResult(this.summary, part.renderWholeSetup(this.facts, this.session.endpoints));
      // appendChild, not replaceChildren: Coral's custom-elements polyfill upgrades only what the old DOM methods insert.
      this.afterSetup.textContent = '';
      this.afterSetup.appendChild(part.renderAfterSetup(this.session, this.facts, this.session.endpoints));
    }
  }

  /**
   * The tenant's agents' queues and AEM's proxies (reads only, never on a plain visit), through
   * the summary part, which the whole-setup check fetches anyway.
   */
  private async readPublishing(): Promise<void> {
    const part = await loadSummary(this.summary, () => void this.checkWholeSetup()).catch(() => undefined);
    if (!part) return;
    // Await first, then spread: agent tests and Check Health land in the facts meanwhile.
    const read = await part.readPublishingHealth(this.session, this.facts);
    this.facts = { ...this.facts, ...read };
    this.render(); // step 6 shows each agent's queue
  }

  private context(): PageContext {
    const state = deriveSetupState(this.facts);
    if (!this.loaded) state.steps = state.steps.map((s) => ({ ...s, status: 'unknown', summary: t('Reading what AEM has…') }));
    return {
      session: this.session,
      facts: this.facts,
      state,
      problems: this.problems,
      healthRunning: this.healthRunning,
      agentTestsRunning: this.agentTestsRunning,
      overrides: this.overrides,
      refresh: (areas) => this.refresh(areas),
      adopt: (read) => {
        this.facts = { ...this.facts, ...read };
        if ('imsConfigs' in read) this.problems = { ...this.problems, imsConfigs: undefined };
        this.render();
      },
      markImsConfig: async (pid) => {
        await markImsConfig(this.session, pid);
        await this.refresh(['settings']);
      },
      confirmHotfix: () => {
        this.facts = { ...this.facts, hotfixConfirmed: true };
        this.render();
      },
      runHealth: () => this.runHealth(),
      connectTenant: async (address, imsConfig) => {
        const saved = await this.brandPortal.connect(address, imsConfig);
        return { ...saved, connected: connectedAgents(this.facts) };
      },
      keepTenant: (address) => this.brandPortal.keepTenant(address),
      testAgents: () => this.testAgents(),
      chooseAuthType: (type) => {
        if (this.facts.chosenAuthType === type) return;
        this.facts = { ...this.facts, chosenAuthType: type };
        this.render();
        // The keystore is read only once the legacy JWT route is chosen.
        if (this.loaded && !this.facts.keystore && !this.facts.keystoreUnavailable && keystoreNeeded(this.facts))
          void this.refresh(['keystore']);
      },
      stateVersion: (version) => {
        this.facts = { ...this.facts, version };
        this.render();
      },
    };
  }

  private renderStepList(ctx: PageContext): void {
    this.stepList.textContent = '';
    this.stepList.appendChild(renderStepList(stepDefinitions(), ctx.state.steps));
    this.healthButton.disabled = this.healthRunning || this.agentTestsRunning || !this.loaded;
  }

  private render(): void {
    const ctx = this.context();
    this.renderStepList(ctx);
    for (const step of this.steps) step.update(ctx);
  }
}

/** The settings' proof, fetched with the overrides part only when the settings hold an override. */
export const guardSettings: SettingsGuard = async (session, settings) =>
  (await loadOverrides(document.createElement('div'), () => undefined)).proveSettingsGuarded(session, settings);
