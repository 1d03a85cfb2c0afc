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
import { deriveSetupState, type SetupFacts, type SetupState } from '../../../core/domain/state';
import { currentTenant } from '../../../core/domain/tenant';
import { connectedAgents } from '../../../core/domain/agents';
import { BrandPortalStep } from '../features/brand-portal/brand-portal';
import { CertificateStep } from '../features/certificate/certificate';
import type { LoadProblems, PageContext, Step } from './port';
import { DeveloperConsoleStep } from '../features/developer-console/developer-console';
import { HealthStep } from '../features/health/health';
import { ImsAccountStep } from '../features/ims-account/ims-account';
import { PrerequisitesStep, loadOverrides } from '../features/prerequisites/prerequisites';
import { AgentsPanel } from '../features/agents/agents-panel';
import { stepDefinitions } from './step-definitions';
import { el } from '../ui/dom';
import { t } from '../../../core/i18n';
import { PANELS_MARK, READY_MARK, mark } from './timing';
import { renderRequestProblem, showResult } from '../ui/problem';
import { type Section, createSection, followSectionLinks, keepOpenAcrossReloads, sectionList } from '../ui/section';
import { onDemand } from '../ui/on-demand';
import { loadPart } from './parts';
import { Lead, type Visit } from './lead';
import type { StepId } from '../../../core/domain/types';

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
  /** The agents' Test Connection run in flight, if any (a second ask waits for it). */
  private agentTestRun?: Promise<void>;
  /** False until AEM answered once: steps then say "reading", not a guess. */
  private loaded = false;
  /** Connect or the verdict: decided by AEM's first answer, kept for the visit. */
  private visit?: Visit;
  private readonly lead = new Lead();
  private readonly banner = el('div', { class: 'bpsetup-banner', 'aria-live': 'polite' });
  private readonly agents = new AgentsPanel();
  /** Each step as one folded line; its panel is built once AEM has answered (see showFirstAnswer). */
  private readonly sections = new Map<StepId, Section>(
    stepDefinitions().map(({ id, title }, index) => [id, createSection(id, index + 1, title)]),
  );
  /** The steps' panels, built once AEM has answered (see refresh). */
  private steps: Step[] = [];
  /** Step 6, which step 4's Connect hands the tenant to. */
  private brandPortal?: BrandPortalStep;
  private firstAnswer?: Promise<void>;
  /** Brings the step the address names back into view (after what the page adds above it). */
  private followLink = (): void => undefined;

  constructor(
    root: HTMLElement,
    /** The page's one AEM session: every request, its CSRF token, the overrides in force. */
    private readonly session: AemSession,
  ) {
    const { healthButton, diagnosticsButton } = this.lead;
    healthButton.addEventListener('click', () => void this.checkWholeSetup());
    diagnosticsButton.addEventListener('click', () => {
      loadDiagnostics(this.banner, () => diagnosticsButton.click()).then(
        ({ openDiagnostics }) => openDiagnostics(diagnosticsButton, this.facts, this.overrides, this.session.endpoints),
        () => undefined,
      );
    });
    this.lead.agents.appendChild(this.agents.element);
    root.append(
      this.lead.element,
      this.banner,
      el(
        'section',
        { class: 'bpsetup-steps-section', id: 'bpsetup-steps', 'aria-labelledby': 'bpsetup-steps-heading' },
        el('h2', { id: 'bpsetup-steps-heading', class: 'coral-Heading coral-Heading--4' }, t('Step by step')),
        el('p', { class: 'bpsetup-steps-intro' }, t('Each step says where it stands; open it to see what it checks, or to do it by hand.')),
        sectionList([...this.sections.values()]),
      ),
    );
    keepOpenAcrossReloads([...this.sections.values()]);
    this.followLink = followSectionLinks(root);
    this.render(); // every step listed at once, "reading" until AEM answers
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
   * The first answer: every step's line with its state goes up at once, and the six panels
   * (forms, tables: most of the page's Coral components) are built in the next task, so the
   * browser shows where the setup stands before it builds what the admin will act on. The answer
   * also decides the visit: Connect on an empty author, the verdict on a set-up one (checked at
   * once: reads only).
   */
  private async showFirstAnswer(facts: SetupFacts): Promise<void> {
    this.facts = facts;
    this.loaded = true;
    const state = deriveSetupState(facts);
    this.visit = hasSetup(facts, state) || this.problems.imsConfigs || this.problems.cloud ? 'verdict' : 'connect';
    this.renderLines();
    mark(READY_MARK);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const section = (id: StepId) => this.sections.get(id) as Section;
    this.brandPortal = new BrandPortalStep(section('brandPortal'));
    this.steps = [
      new PrerequisitesStep(section('prerequisites')),
      new CertificateStep(section('certificate')),
      new DeveloperConsoleStep(section('developerConsole')),
      new ImsAccountStep(section('imsAccount')),
      new HealthStep(section('health')),
      this.brandPortal,
    ];
    mark(PANELS_MARK);
    this.followLink();
    if (this.visit === 'verdict' && hasSetup(facts, state)) setTimeout(() => void this.checkWholeSetup({ firstLook: true }), 0);
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
    if (!currentTenant(this.facts.cloudConfigs ?? [])) return;
    // A second ask (a whole-setup check started while another one tests) waits for the run in
    // flight: a verdict given without its results would leave the agents' failures out.
    this.agentTestRun ??= this.testAgentsNow().finally(() => (this.agentTestRun = undefined));
    return this.agentTestRun;
  }

  private async testAgentsNow(): Promise<void> {
    this.agentTestsRunning = true;
    this.render();
    try {
      const results = await testTenantAgents(this.session, this.facts, (e) => explainRequestError(e, this.session.endpoints).title);
      this.facts = { ...this.facts, agentTests: results, agentsTestedAt: new Date().toISOString() };
    } finally {
      this.agentTestsRunning = false;
      this.render();
    }
  }

  /**
   * The verdict (the page's "Check the whole setup", and a set-up author's first look): reads only
   * — IMS health, agent tests, queues, consistency. Agent tests that all succeeded in the last
   * minute (right after a setup) prove the token and that the tenant answers, so they are
   * shown again instead of asked again; Check Health is run unless it is fresh and healthy, or
   * unavailable on this AEM. Anything else is read (unless just read, on a first look) and checked.
   * A first look moves the focus only where nothing else holds it.
   */
  async checkWholeSetup({ firstLook = false } = {}): Promise<void> {
    // A first look leaves the focus (and the scroll) alone when the admin is elsewhere, or came by a link to a step.
    const takeFocus = () => !firstLook || (!window.location.hash && (!document.activeElement || document.activeElement === document.body));
    const { summary, afterSetup } = this.lead;
    showResult(
      summary,
      el('p', { class: 'bpsetup-progress' }, t('Checking whether this author can publish to Brand Portal…')),
      takeFocus(),
    );
    if (!agentsProvenRecently(this.facts)) {
      if (!firstLook) await this.refresh();
      await Promise.all([this.runHealth(), this.testAgents(), this.readPublishing()]);
    } else await Promise.all([healthSettled(this.facts) ? undefined : this.runHealth(), this.readPublishing()]);
    const part = await loadSummary(summary, () => void this.checkWholeSetup()).catch(() => undefined);
    if (part) {
      showResult(summary, part.renderWholeSetup(this.facts, this.session.endpoints), takeFocus());
      // appendChild, not replaceChildren: Coral's custom-elements polyfill upgrades only what the old DOM methods insert.
      afterSetup.textContent = '';
      afterSetup.appendChild(part.renderAfterSetup(this.session, this.facts, this.session.endpoints));
    }
    if (firstLook && window.location.hash) this.followLink();
  }

  /**
   * The tenant's agents' queues and AEM's proxies (reads only, never on a plain visit), through
   * the summary part, which the whole-setup check fetches anyway.
   */
  private async readPublishing(): Promise<void> {
    const part = await loadSummary(this.lead.summary, () => void this.checkWholeSetup()).catch(() => undefined);
    if (!part) return;
    // Await first, then spread: agent tests and Check Health land in the facts meanwhile.
    const read = await part.readPublishingHealth(this.session, this.facts);
    this.facts = { ...this.facts, ...read };
    this.render(); // the agents table shows each agent's queue
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
        const saved = (await this.brandPortal?.connect(address, imsConfig)) ?? { saved: false };
        return { ...saved, connected: connectedAgents(this.facts) };
      },
      keepTenant: (address) => this.brandPortal?.keepTenant(address),
      resaveCloudService: async () => this.brandPortal?.resave(this.context()),
      openStep: (id) => this.sections.get(id)?.open(),
      connectSlot: this.lead.connectSlot,
      connectOffered: () => this.visit === 'connect' && !hasSetup(this.facts, state),
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

  /** Each step's line, the lead and the page's own buttons, from the state. */
  private renderLines(ctx: PageContext = this.context()): void {
    for (const state of ctx.state.steps) this.sections.get(state.id)?.setState(state);
    this.lead.show(this.visit, this.loaded && hasSetup(this.facts, ctx.state), ctx.state.oauthPossible);
    this.lead.healthButton.disabled = this.healthRunning || this.agentTestsRunning || !this.loaded;
  }

  private render(): void {
    const ctx = this.context();
    this.renderLines(ctx);
    if (!this.steps.length) return;
    this.agents.update(ctx);
    for (const step of this.steps) step.update(ctx);
  }
}

/** There is a setup to judge: a Brand Portal IMS configuration or a cloud service. */
const hasSetup = (facts: SetupFacts, state: SetupState): boolean =>
  state.brandPortalConfigs.length > 0 || (facts.cloudConfigs?.length ?? 0) > 0;

/** The settings' proof, fetched with the overrides part only when the settings hold an override. */
export const guardSettings: SettingsGuard = async (session, settings) =>
  (await loadOverrides(document.createElement('div'), () => undefined)).proveSettingsGuarded(session, settings);
