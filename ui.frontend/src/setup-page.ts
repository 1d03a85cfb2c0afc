/**
 * The Brand Portal setup page: mounts into #bpsetup-root, reads where the setup stands from AEM
 * (every load, in parallel), derives each step's state, and lets the steps act. A step never
 * builds a URL; it calls the AEM client and asks the page to refresh.
 */
import * as client from './aem/client';
import { explainRequestError } from './domain/explain-request';
import { deriveSetupState, type SetupFacts } from './domain/state';
import type { AuthType } from './domain/types';
import { CertificateStep } from './steps/certificate';
import type { LoadProblems, PageContext, Step } from './steps/context';
import { DeveloperConsoleStep } from './steps/developer-console';
import { HealthStep } from './steps/health';
import { ImsAccountStep } from './steps/ims-account';
import { PrerequisitesStep } from './steps/prerequisites';
import { stepDefinitions } from './steps/step-definitions';
import { el } from './ui/dom';
import { t } from './ui/i18n';
import { button, renderRequestProblem } from './ui/problem';
import { renderStepList } from './ui/step-list';
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
  /** False until AEM answered once: steps then say "reading", not a guess. */
  private loaded = false;
  private statedVersion?: string;
  private chosenAuthType?: AuthType;
  private readonly stepList = el('div', { class: 'bpsetup-steps-holder' });
  private readonly banner = el('div', { class: 'bpsetup-banner', 'aria-live': 'polite' });
  private readonly healthButton = button(t('Check health'), 'primary', 'Heart');
  private readonly steps: Step[] = [new PrerequisitesStep(), new CertificateStep(), new DeveloperConsoleStep(), new ImsAccountStep(), new HealthStep()];

  constructor(root: HTMLElement) {
    this.healthButton.classList.add('bpsetup-health-button');
    this.healthButton.addEventListener('click', () => void this.runHealth());
    const toolbar = el(
      'div',
      { class: 'bpsetup-toolbar' },
      el('p', { class: 'bpsetup-intro' }, t('Connect this AEM author to Adobe Brand Portal on one page: the IMS technical account, its health check, the Brand Portal cloud service and its four replication agents.')),
      this.healthButton,
    );
    root.append(
      toolbar,
      this.banner,
      el('section', { class: 'bpsetup-steps-section', 'aria-labelledby': 'bpsetup-steps-heading' }, el('h2', { id: 'bpsetup-steps-heading', class: 'coral-Heading coral-Heading--4' }, t('Setup steps')), this.stepList),
      ...this.steps.map((s) => s.element),
      el('footer', { class: 'bpsetup-footer' }, t('Coral Spectrum {0}', window.Coral?.version ?? t('unknown version'))),
    );
    this.render(); // every step visible at once, "not checked yet" until AEM answers
  }

  /** Reads what AEM has: version, keystore, IMS configurations. Each read may fail on its own. */
  async refresh(): Promise<void> {
    const [product, keystore, ims] = await Promise.all([settle(client.productInfo()), settle(client.keystore()), settle(client.listImsConfigs())]);
    this.problems = {
      version: product.error ? explainRequestError(product.error) : undefined,
      keystore: keystore.error ? explainRequestError(keystore.error) : undefined,
      imsConfigs: ims.error ? explainRequestError(ims.error) : undefined,
    };
    this.facts = {
      ...this.facts,
      version: product.value?.version ?? this.statedVersion,
      versionUnavailable: Boolean(product.error),
      keystore: keystore.value,
      keystoreUnavailable: Boolean(keystore.error),
      imsConfigs: ims.value ?? [],
      imsConfigsError: Boolean(ims.error),
      chosenAuthType: this.chosenAuthType,
    };
    this.loaded = true;
    this.render();
  }

  async runHealth(): Promise<void> {
    const active = deriveSetupState(this.facts).active;
    if (!active || this.healthRunning) return;
    this.healthRunning = true;
    this.banner.textContent = '';
    this.render();
    try {
      this.facts = { ...this.facts, health: await client.checkHealth(active.id) };
    } catch (e) {
      this.facts = { ...this.facts, health: undefined };
      this.banner.appendChild(renderRequestProblem(explainRequestError(e), () => void this.runHealth()));
    } finally {
      this.healthRunning = false;
      this.render();
    }
  }

  private context(): PageContext {
    const state = deriveSetupState(this.facts);
    if (!this.loaded) state.steps = state.steps.map((s) => ({ ...s, status: 'unknown', summary: t('Reading what AEM has…') }));
    return {
      facts: this.facts,
      state,
      problems: this.problems,
      healthRunning: this.healthRunning,
      refresh: () => this.refresh(),
      runHealth: () => this.runHealth(),
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
    this.healthButton.disabled = !ctx.state.active || this.healthRunning;
    this.healthButton.title = ctx.state.active ? t('Check the health of "{0}" (read-only)', ctx.state.active.title) : t('Needs exactly one Brand Portal IMS configuration');
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
