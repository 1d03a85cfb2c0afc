/**
 * The page tier (jest project "page"): the setup page mounted in jsdom with the real Coral and the
 * Granite stand-in, its AEM session talking to an in-process emulator over real HTTP. For the page's
 * flows that need no real browser (faults explained, nothing half-written, retries); Chromium keeps
 * the journeys, focus, axe, the CSP and screenshots. The admin acts through the same controls:
 * fields found by their data-field, buttons by their selectors, results awaited by selector.
 */
import { NodeTransport } from '../../cli/node-transport';
import type { AemTransport } from '../../core/aem/fetch';
import { createAemSession } from '../../core/aem/session';
import type { EmulatorOptions } from '../../emulator/context';
import type { RunningEmulator } from '../../emulator/server';
import { mountSetupPage } from '../../ui.frontend/src/app/mount-page';
import { startTestEmulator } from './emulator';

export interface PageOnEmulator {
  emu: RunningEmulator;
  root: HTMLElement;
  /** What the page logged as an error, and its uncaught errors, since it was mounted: a browser console's errors. */
  errors: string[];
  /** Types into a field of the form in `scope` (as input and blur events, as a person leaves it). */
  fill(scope: string, field: string, value: string): void;
  /** Clicks a control; a disabled one is an error here (jsdom would ignore the click, and so would a browser). */
  click(selector: string): void;
  /** Waits until the control is there and enabled, as a person waits for a busy button, then clicks it. */
  clickWhenEnabled(selector: string, timeoutMs?: number): Promise<void>;
  /**
   * Polls `condition` every 100 ms until it holds or `timeoutMs` has passed (the caller then
   * asserts what it expects). Each poll queries jsdom, which is slow: polling every 20 ms cost the
   * page tier a fifth of its CPU.
   */
  until(condition: () => boolean, timeoutMs?: number): Promise<void>;
  /** Waits until `selector` matches (polling the DOM), or fails naming it and what the page says. */
  waitFor(selector: string, timeoutMs?: number): Promise<Element>;
  text(selector: string): string;
  /** Fills step 4's OAuth form (once it is on the page), as the e2e's fillOauthForm does. */
  fillOauth(values: { clientId: string; clientSecret: string; orgId: string; scopes: string }): Promise<void>;
  /** Types the tenant into step 6 once an IMS configuration can be chosen, and saves (no wait for agents). */
  saveCloud(tenantUrl: string): Promise<void>;
  /** A step's status (data-status of its folded line). */
  stepStatus(step: string): string | null;
  /** Opens the Coral accordion item with this label, as a click on its header does. */
  expand(label: string): void;
  /** Types into the field labelled `label` (a <label>, aria-label or aria-labelledby), once it is on the page. */
  typeInto(label: string, value: string): Promise<void>;
  /** Clicks the button of an open Granite dialog by its visible text. */
  confirm(label: string): void;
  /** Waits for a Granite dialog to ask (a question a part asks once it is fetched), then clicks its button by its text. */
  answer(label: string): Promise<void>;
  close(): Promise<void>;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types into a field as a person does and then leaves it: input, change and blur events. */
function typeIn(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
}

/** Freezes the page mounted last (see mountOn). */
let freezeCurrent = () => undefined as unknown;

/** Where console errors and uncaught errors go: the page mounted last (one page at a time in a file). */
let consoleErrors: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  consoleErrors.push(args.map(String).join(' '));
  consoleError(...args);
};
window.addEventListener('error', (e) => consoleErrors.push(`uncaught: ${e.message}`));

/**
 * An emulator brought to its starting state by `prepare` (over HTTP, as an earlier visit or
 * Adobe's side would have left it), then the page mounted against it as the admin.
 */
export async function pageOnEmulator(
  options: Partial<EmulatorOptions> = {},
  prepare: (emu: RunningEmulator) => Promise<void> = async () => undefined,
): Promise<PageOnEmulator> {
  const emu = await startTestEmulator(options);
  await prepare(emu);
  return mountOn(emu);
}

/** Mounts the page afresh against a running emulator (a reload). */
export function mountOn(emu: RunningEmulator): PageOnEmulator {
  const transport = new NodeTransport({
    baseUrl: emu.url,
    credentials: { user: 'admin', password: 'admin' },
    userAgent: 'bpsetup-page-tier',
  }).forClient();
  // One page at a time, as a browser tab: the page before this one (a reload, or the last test's)
  // is frozen, its requests left unanswered, so nothing of it runs on, writes or logs here.
  freezeCurrent();
  let frozen = false;
  freezeCurrent = () => (frozen = true);
  const tab: AemTransport = {
    ...transport,
    // A request in flight when the page is frozen is never answered either: its answer would
    // render into a page (or a torn-down document) that is gone.
    fetch: (url, init) => {
      const never = new Promise<Response>(() => undefined);
      return frozen ? never : transport.fetch(url, init).then((res) => (frozen ? never : res));
    },
  };
  document.body.innerHTML = '<div id="bpsetup-root"></div>';
  const root = document.getElementById('bpsetup-root') as HTMLElement;
  const errors: string[] = [];
  consoleErrors = errors;
  mountSetupPage(root, createAemSession({ transport: tab }));
  const find = (selector: string) => {
    const found = root.querySelector(selector);
    if (!found) throw new Error(`no ${selector} on the page`);
    return found;
  };
  return {
    emu,
    root,
    errors,
    fill(scope, field, value) {
      typeIn(find(`${scope} [data-field="${field}"] input, ${scope} [data-field="${field}"] textarea`) as HTMLInputElement, value);
    },
    click(selector) {
      const control = find(selector) as HTMLButtonElement;
      if (control.disabled) throw new Error(`${selector} is disabled: its click would do nothing (wait with clickWhenEnabled)`);
      control.click();
    },
    async clickWhenEnabled(selector, timeoutMs = 15000) {
      await this.until(() => (root.querySelector(selector) as HTMLButtonElement | null)?.disabled === false, timeoutMs);
      this.click(selector);
    },
    async until(condition, timeoutMs = 15000) {
      for (const end = Date.now() + timeoutMs; !condition() && Date.now() < end;) await tick(100);
    },
    async waitFor(selector, timeoutMs = 15000) {
      await this.until(() => root.querySelector(selector) !== null, timeoutMs);
      const found = root.querySelector(selector);
      if (found) return found;
      throw new Error(
        `${selector} did not appear within ${timeoutMs} ms; the page says:\n${root.textContent?.replace(/\s+/g, ' ').slice(0, 2000)}`,
      );
    },
    text: (selector) => find(selector).textContent ?? '',
    async fillOauth(values) {
      await this.waitFor('.bpsetup-ims-form [data-field="clientId"] input');
      for (const [field, value] of Object.entries(values)) this.fill('.bpsetup-ims-form', field, value);
    },
    async saveCloud(tenantUrl) {
      await this.waitFor('.bpsetup-cloud-ims coral-select-item:not([disabled])');
      this.fill('.bpsetup-cloud-form', 'tenantUrl', tenantUrl);
      this.click('.bpsetup-cloud-save');
    },
    stepStatus: (step) => root.querySelector(`.bpsetup-step[data-step="${step}"]`)?.getAttribute('data-status') ?? null,
    expand(label) {
      const items = [...root.querySelectorAll<HTMLElement & { selected: boolean }>('coral-accordion-item')];
      const item = items.find((i) => i.querySelector('coral-accordion-item-label')?.textContent?.trim() === label);
      if (!item) throw new Error(`no disclosure "${label}"`);
      item.selected = true;
    },
    async typeInto(label, value) {
      const labelled = (): HTMLInputElement | null => {
        const byLabel = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
        if (byLabel) return document.getElementById(byLabel.htmlFor) as HTMLInputElement | null;
        const named = [...root.querySelectorAll<HTMLInputElement>('input, textarea')].find(
          (i) =>
            i.getAttribute('aria-label') === label ||
            (i.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim() === label),
        );
        return named ?? null;
      };
      await this.until(() => labelled() !== null, 10000);
      const input = labelled();
      if (!input) throw new Error(`no field labelled "${label}"`);
      typeIn(input, value);
    },
    async answer(label) {
      await this.until(() =>
        [...document.querySelectorAll('coral-dialog.foundation-ui-dialog button')].some((b) => b.textContent?.trim() === label),
      );
      this.confirm(label);
    },
    confirm(label) {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('coral-dialog.foundation-ui-dialog button')];
      const button = buttons.find((b) => b.textContent?.trim() === label);
      if (!button) throw new Error(`no dialog button "${label}" (there are: ${buttons.map((b) => b.textContent?.trim()).join(', ')})`);
      button.click();
    },
    // The page's first read ends before the emulator does (a test may end sooner): nothing of it
    // then runs on into a torn-down document.
    async close() {
      await this.until(() => root.querySelector('.bpsetup-step[data-step="prerequisites"]:not([data-status="unknown"])') !== null, 10000);
      freezeCurrent();
      await emu.close();
    },
  };
}
