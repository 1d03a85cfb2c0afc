/**
 * jsdom gets what an AEM page gives our clientlib: jQuery, the real Coral Spectrum and the
 * Granite foundation APIs (the emulator's stand-in, built by `npm run build`). Each is injected as
 * an inline script, like a page would run it; Coral's dist entry cannot be require()d.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const inject = (code: string, attrs: Record<string, string> = {}) => {
  const s = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  s.textContent = code;
  document.head.appendChild(s);
};

const granite = join(root, 'build/emulator-static/granite.js');

// Files with the `@jest-environment node` docblock (Node crypto checks) get no page globals.
if (typeof document !== 'undefined') {
  if (!existsSync(granite)) throw new Error('build/emulator-static/granite.js is missing: run "npm run build" first.');
  inject(readFileSync(require.resolve('jquery/dist/jquery.min.js'), 'utf8'));
  // "js" icon mode stops sprite XHRs in tests (never in a browser).
  inject(readFileSync(require.resolve('@adobe/coral-spectrum/dist/js/coral.min.js'), 'utf8'), { 'data-coral-icons-external': 'js' });
  inject(readFileSync(granite, 'utf8'));
}
