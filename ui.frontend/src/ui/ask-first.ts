/**
 * Asks in Granite's prompt dialog before a change (Cancel, or the one answer that runs it). The
 * message is built with `el`, so every server-provided string in it is already escaped. Without
 * Granite's foundation UI (a part tested alone) the change runs at once.
 */
import { t } from '../../../core/i18n';

export function askFirst(
  title: string,
  message: HTMLElement,
  type: 'notice' | 'warning',
  answer: { text: string; primary?: boolean; warning?: boolean },
  run: () => void,
): void {
  const ui = window.Granite?.$(window).adaptTo('foundation-ui');
  if (!ui) return run();
  ui.prompt(title, message.outerHTML, type, [{ text: t('Cancel') }, { ...answer, handler: run }]);
}
