/**
 * Step 4's one-action route for a new OAuth setup: the credential the form holds plus the tenant,
 * then one "Connect" runs what steps 4 to 6 do one by one (create and read back the IMS
 * configuration, prove its token, save the cloud service and wait for its four agents, test them),
 * each stage shown as it runs, stopping at the first that fails. The step-by-step route stays.
 * Part of the IMS form.
 */
import { AGENTS } from '../../../../core/contract/aem-names';
import { type TenantAddress, type TenantVerdict, addressOf, validateTenantUrl } from '../../../../core/domain/tenant';
import { t } from '../../../../core/i18n';
import { button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { createField } from '../../ui/field';
import { TenantConfirm } from '../../ui/tenant-confirm';

export type ConnectStage = 'ims' | 'token' | 'cloud' | 'agents';
type StageState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

const STAGES: Record<ConnectStage, string> = {
  ims: t('Create the IMS configuration'),
  token: t('Prove that AEM gets a token'),
  cloud: t('Save the Brand Portal cloud service and wait for its four agents'),
  agents: t("Test the agents' connection"),
};

const STATE_WORDS: Record<StageState, string> = {
  waiting: t('waiting'),
  running: t('running…'),
  done: t('done'),
  failed: t('failed'),
  skipped: t('not run'),
};

/** What one stage ended with: its outcome, and a line saying why (shown next to it). */
export interface StageOutcome {
  ok: boolean;
  /** Said next to the stage, e.g. why it failed or what proves it instead. */
  detail?: string;
}

/** What Connect needs from the form: the form's own checks, and each stage's work. */
export interface ConnectHost {
  /** Checks the form's fields (showing every message); false when one is wrong. */
  formValid(): boolean;
  /** Runs one stage for the tenant address checked once, when Connect was pressed. */
  run(stage: ConnectStage, address: TenantAddress): Promise<StageOutcome>;
  /** Connect stopped before step 6: its form gets this address, so the admin need not type it again. */
  keepTenant(address: TenantAddress): void;
  /** Connect stopped at this stage: the step that says why is opened. */
  stopped(stage: ConnectStage): void;
}

export class ImsConnect {
  readonly element: HTMLElement;
  private readonly tenant = createField(
    {
      name: 'connectTenant',
      label: t('Brand Portal address'),
      placeholder: 'https://yourcompany.brand-portal.adobe.com',
      help: t("Your tenant's ID URL, as Brand Portal shows it in the browser. Connect then does steps 4 to 6 in one go."),
    },
    validateTenantUrl,
    () => undefined,
  );
  private readonly go = button(t('Connect'), 'primary');
  private readonly tenantConfirm = new TenantConfirm();
  private readonly stages = el('ol', { class: 'bpsetup-connect-stages', 'aria-live': 'polite', 'aria-label': t('Connect progress') });
  private readonly outcome = el('div', { class: 'bpsetup-connect-outcome', role: 'status', tabindex: '-1' });
  /** The address and the button: gone once a run created the IMS configuration (see connect()). */
  private readonly controls = el(
    'div',
    { class: 'bpsetup-connect-controls' },
    this.tenant.root,
    this.tenantConfirm.element,
    el('div', { class: 'bpsetup-actions' }, this.go),
  );
  private runningNow = false;

  constructor(private readonly host: ConnectHost) {
    this.go.type = 'submit';
    this.go.classList.add('bpsetup-connect');
    this.stages.hidden = true;
    this.element = el(
      'form',
      { class: 'bpsetup-connect-form', novalidate: true, autocomplete: 'off' },
      this.controls,
      this.stages,
      this.outcome,
    );
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.connect();
    });
  }

  /** True while Connect runs, and once it has run (its stages stay in view). */
  get engaged(): boolean {
    return this.runningNow || !this.stages.hidden;
  }

  private async connect(): Promise<void> {
    if (this.runningNow) return;
    // The form's fields and the tenant, every message shown; nothing is sent while one is wrong.
    const formOk = this.host.formValid();
    // The address is checked here, once, and goes on as a value to every stage and to step 6.
    const address = addressOf(this.tenant.check(true) as TenantVerdict);
    if (!formOk) return;
    if (!address) {
      this.tenant.focus();
      return;
    }
    if (!this.tenantConfirm.allows(address.url, t('Connect'), () => void this.connect())) return;
    this.runningNow = true;
    this.go.disabled = true;
    this.outcome.textContent = '';
    const items = this.renderStages();
    try {
      let failed: ConnectStage | undefined;
      for (const stage of Object.keys(STAGES) as ConnectStage[]) {
        if (failed) {
          this.setStage(items[stage], stage, 'skipped');
          continue;
        }
        this.setStage(items[stage], stage, 'running');
        const result = await this.host
          .run(stage, address)
          .catch((e: unknown): StageOutcome => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
        this.setStage(items[stage], stage, result.ok ? 'done' : 'failed', result.detail);
        if (!result.ok) failed = stage;
      }
      // Connect makes a first setup only: once the IMS configuration exists, a second run would
      // try to create another. The steps below go on from where it stopped.
      // Gone, not hidden: step 6's form then holds the page's one "Brand Portal address".
      if (failed !== 'ims') this.controls.remove();
      if (failed) this.host.stopped(failed);
      if (failed === 'ims') {
        this.outcome.textContent = t('Connect stopped at "{0}": step 4 says why; correct it and connect again.', STAGES[failed]);
        return;
      }
      // Stopped before step 6 saved anything: the address typed here waits in step 6's form.
      if (failed === 'token') this.host.keepTenant(address);
      if (failed) {
        this.outcome.textContent = t(
          'Connect stopped at "{0}": the step it opened below says why and how to fix it; go on from there, step by step.',
          STAGES[failed],
        );
        return;
      }
      this.outcome.textContent = t('Connected: {0} of {1} agents connected.', String(AGENTS.count), String(AGENTS.count));
    } finally {
      this.runningNow = false;
      this.go.disabled = false;
      // The controls may be gone: the keyboard lands on what happened, not on the page's body.
      if (!this.element.contains(document.activeElement)) this.outcome.focus();
    }
  }

  private renderStages(): Record<ConnectStage, HTMLElement> {
    this.stages.textContent = '';
    this.stages.hidden = false;
    const items = {} as Record<ConnectStage, HTMLElement>;
    for (const stage of Object.keys(STAGES) as ConnectStage[]) {
      items[stage] = el('li', { class: 'bpsetup-connect-stage', 'data-stage': stage });
      this.setStage(items[stage], stage, 'waiting');
      this.stages.appendChild(items[stage]);
    }
    return items;
  }

  private setStage(item: HTMLElement, stage: ConnectStage, state: StageState, detail?: string): void {
    item.setAttribute('data-state', state);
    item.textContent = `${STAGES[stage]}: ${STATE_WORDS[state]}${detail ? ` — ${detail}` : ''}`;
  }
}
