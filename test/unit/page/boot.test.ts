/**
 * The clientlib entry in jsdom with real Coral: it mounts the page once, survives being included
 * twice, and explains a missing Coral instead of failing obscurely.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BUNDLE = join(__dirname, '../../../ui.frontend/dist/clientlib-setup/setup.js');

function pageWithRoot(): HTMLElement {
  document.body.innerHTML = '<div id="bpsetup-root" class="bpsetup-root"><span class="bpsetup-loading">Loading…</span></div>';
  return document.getElementById('bpsetup-root') as HTMLElement;
}

/** Runs the built clientlib as the page would (a classic script). */
function includeClientlib(): void {
  const s = document.createElement('script');
  s.textContent = readFileSync(BUNDLE, 'utf8');
  document.head.appendChild(s);
}

beforeEach(() => {
  delete window.__bpsetupLoaded;
  // AEM never answers here: the page shows its steps while it waits.
  window.fetch = jest.fn(() => new Promise<Response>(() => undefined));
});

test('the page globals are real: Coral Spectrum and the Granite foundation APIs', () => {
  expect(typeof window.Coral?.version).toBe('string');
  expect(window.Coral?.Alert).toBeDefined();
  expect(typeof window.Granite?.$(window).adaptTo('foundation-registry').register).toBe('function');
});

test('mounts the setup page into #bpsetup-root with all six steps', () => {
  const root = pageWithRoot();
  includeClientlib();
  const steps = [...root.querySelectorAll<HTMLElement>('.bpsetup-step')];
  expect(steps.map((s) => s.dataset.step)).toEqual([
    'prerequisites',
    'certificate',
    'developerConsole',
    'imsAccount',
    'health',
    'brandPortal',
  ]);
  expect(root.querySelector('.bpsetup-loading')).toBeNull();
  expect(root.querySelector('.bpsetup-section-title')?.textContent).toBe('Prerequisites');
  // Every step is one folded line, being read; its panel comes with AEM's answer.
  expect(root.querySelectorAll('coral-accordion-item.bpsetup-step[data-status="unknown"]:not([selected])')).toHaveLength(6);
  expect(root.querySelectorAll('.bpsetup-section-body:not(:empty)')).toHaveLength(0);
  // No implementation words: the Coral version is the diagnostics report's, not the page's.
  expect(root.textContent).not.toContain('Coral');
  // It starts every read at once, its own settings among them (one round trip where no address is
  // overridden); the keystore is not read: it matters only for the legacy JWT route.
  const urls = (window.fetch as jest.Mock).mock.calls.map((c) => String(c[0]));
  expect(urls).toEqual([
    '/conf/bpsetup/settings.1.json',
    '/system/console/status-productinfo.json',
    '/apps/system/config.1.json',
    '/conf/global/settings/cloudconfigs/mediaportal.2.json',
    '/etc/cloudservices/mediaportal.2.json',
    '/etc/replication/agents.author.2.json',
  ]);
});

test("with AEM's answer the six panels follow, each step has a link of its own, and the address opens the step it names", async () => {
  window.fetch = jest.fn(async () => new Response('', { status: 404 })); // an author with nothing set up, nor our settings
  window.location.hash = '#bpsetup-step-health';
  const root = pageWithRoot();
  includeClientlib();
  for (let i = 0; i < 100 && root.querySelectorAll('.bpsetup-section-body:not(:empty)').length < 6; i++)
    await new Promise((r) => setTimeout(r, 5));
  const links = [...root.querySelectorAll<HTMLAnchorElement>('.bpsetup-section-link')];
  expect(links).toHaveLength(6);
  for (const link of links) expect(root.querySelector(link.getAttribute('href') as string)?.tagName).toBe('CORAL-ACCORDION-ITEM');
  expect(root.querySelectorAll('.bpsetup-step[data-status="unknown"]')).toHaveLength(0);
  const open = () =>
    [...root.querySelectorAll<HTMLElement & { selected: boolean }>('.bpsetup-step')].filter((s) => s.selected).map((s) => s.id);
  expect(open()).toEqual(['bpsetup-step-health']);
  // A link followed later opens its step too.
  window.location.hash = '#bpsetup-step-brandPortal';
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  expect(open()).toEqual(['bpsetup-step-health', 'bpsetup-step-brandPortal']);
  window.location.hash = '';
});

test('step statuses are upgraded Coral status lights, with the status in words', () => {
  const root = pageWithRoot();
  includeClientlib();
  const light = root.querySelector('.bpsetup-step coral-status') as HTMLElement & { variant: string };
  expect(light).toBeInstanceOf(window.Coral?.Status as unknown as typeof HTMLElement);
  expect(light.variant).toBe('neutral');
  expect(light.textContent).toBe('Not checked yet');
});

test('included twice, it mounts once', () => {
  const root = pageWithRoot();
  includeClientlib();
  includeClientlib();
  expect(root.querySelectorAll('.bpsetup-steps')).toHaveLength(1);
  // A later foundation-contentloaded (Granite fires it for every content update) does not re-mount.
  window.Granite?.$(document).trigger('foundation-contentloaded');
  expect(root.querySelectorAll('.bpsetup-steps')).toHaveLength(1);
});

test('without window.Coral it says what is missing instead of failing', () => {
  const root = pageWithRoot();
  const coral = window.Coral;
  window.Coral = undefined; // a page without coralui3
  try {
    includeClientlib();
  } finally {
    window.Coral = coral;
  }
  expect(root.getAttribute('role')).toBe('alert');
  expect(root.textContent).toContain('Coral Spectrum (window.Coral) is not loaded');
  expect(root.textContent).toContain('coralui3');
  expect(root.querySelector('.bpsetup-steps')).toBeNull();
});

test('a Coral without a component the page relies on is named, and nothing half-renders', () => {
  const root = pageWithRoot();
  const coral = window.Coral as CoralStatic;
  const table = coral.Table;
  delete coral.Table; // an older or trimmed Coral
  try {
    includeClientlib();
  } finally {
    coral.Table = table;
  }
  expect(root.getAttribute('role')).toBe('alert');
  expect(root.textContent).toContain('lacks Coral.Table');
  expect(root.querySelector('.bpsetup-steps')).toBeNull();
});

test('a Coral without status lights (before Coral Spectrum) still renders every status, as an icon and words', () => {
  const root = pageWithRoot();
  const coral = window.Coral as CoralStatic;
  const status = coral.Status;
  delete coral.Status;
  try {
    includeClientlib();
  } finally {
    coral.Status = status;
  }
  expect(root.getAttribute('role')).toBeNull();
  const first = root.querySelector('.bpsetup-step .bpsetup-status') as HTMLElement;
  expect(first.querySelector('coral-icon')?.getAttribute('icon')).toBe('Circle');
  expect(first.textContent?.trim()).toBe('Not checked yet');
  expect(root.querySelectorAll('.bpsetup-step coral-status')).toHaveLength(0);
});
