/**
 * Mounting the setup page: one AEM session, its first read of where the setup stands started as
 * soon as the clientlib runs, and the page mounted once per root (an embed or a second include
 * finds it mounted).
 */
import { type AemSession, createAemSession } from '../../../core/aem/session';
import { EVERY_AREA, type SetupReading, readSetupFacts } from '../../../core/aem/setup-facts';
import { SetupPage, guardSettings } from './setup-page';
import { browserTransport } from './browser-transport';

/** The first read of where the setup stands, started as soon as the clientlib runs (before the DOM is ready). */
export const startFirstRead = (session: AemSession): Promise<SetupReading> => readSetupFacts(session, undefined, undefined, guardSettings);

/** Mounts the page: every step at once, "reading" until the first read (started early) answers. */
export function mountSetupPage(
  root: HTMLElement,
  session: AemSession = createAemSession({ transport: browserTransport }),
  firstRead: Promise<SetupReading> = startFirstRead(session),
): SetupPage | undefined {
  if (root.dataset.bpsetupMounted === 'true') return undefined;
  root.dataset.bpsetupMounted = 'true';
  root.textContent = '';
  const page = new SetupPage(root, session);
  void page.refresh(EVERY_AREA, firstRead);
  return page;
}
