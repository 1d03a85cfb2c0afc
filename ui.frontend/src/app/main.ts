/**
 * Clientlib entry. Guards first: the library may be included twice (two includeclientlibs, an
 * embed), and Coral may be missing (page without coralui3). Then it mounts the setup page on
 * Granite's `foundation-contentloaded`, idempotently.
 */
import './translator';
import '../styles/setup.css';
import { createAemSession } from '../../../core/aem/session';
import { mountSetupPage, startFirstRead } from './mount-page';
import { ROOT_ID } from './setup-page';
import { browserTransport } from './browser-transport';
import { t } from '../../../core/i18n';
import { missingCoralComponents } from '../ui/coral';

function coralMissingMessage(root: HTMLElement, missing: string[]): void {
  root.textContent = window.Coral
    ? t(
        'Brand Portal setup cannot start: this page\'s Coral Spectrum lacks {0}. The page needs the Coral that AEM 6.5 loads as "coralui3".',
        missing.map((name) => `Coral.${name}`).join(', '),
      )
    : t(
        'Brand Portal setup cannot start: Coral Spectrum (window.Coral) is not loaded on this page. Include the "coralui3" and "granite.ui.coral.foundation" client libraries before "bpsetup.setup".',
      );
  root.setAttribute('role', 'alert');
  root.classList.add('bpsetup-fatal');
}

export function boot(): void {
  if (window.__bpsetupLoaded) return;
  window.__bpsetupLoaded = true;

  const missing = missingCoralComponents();
  if (missing.length) {
    const report = () => {
      const root = document.getElementById(ROOT_ID);
      if (root) coralMissingMessage(root, missing);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', report);
    else report();
    return;
  }

  // One session for the page, and its first read started while the page is still being parsed.
  const session = createAemSession({ transport: browserTransport });
  const firstRead = startFirstRead(session);
  const mountIn = (scope: ParentNode) => {
    const root = scope.querySelector<HTMLElement>(`#${ROOT_ID}`) ?? document.getElementById(ROOT_ID);
    if (root) mountSetupPage(root, session, firstRead);
  };
  const granite = window.Granite;
  if (granite?.$) {
    granite.$(document).on('foundation-contentloaded', (e) => mountIn((e.target as ParentNode) ?? document));
  }
  // Granite fires foundation-contentloaded once the DOM is ready; also cover pages where it
  // already fired, or where Granite's foundation is absent.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountIn(document));
  else mountIn(document);
}

boot();
