/**
 * The form controls, tables and disclosures on the setup page that are not Coral components:
 * what an AEM admin would spot as foreign. A native element is fine only as the inner part of a
 * Coral component (the input inside coral-checkbox, the button inside coral-select, …).
 */
import type { Page } from 'playwright-core';

export async function nonCoralControls(page: Page, root = '#bpsetup-root'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const scope = document.querySelector(rootSelector);
    if (!scope) return [`${rootSelector} missing`];
    const coralHost = 'coral-checkbox, coral-radio, coral-select, coral-accordion-item, coral-alert, coral-tooltip, table[is^="coral-"]';
    const isCoral = (el: Element) => (el.getAttribute('is') ?? '').startsWith('coral-') || el.parentElement?.closest(coralHost) !== null;
    return [...scope.querySelectorAll('input, select, textarea, button, table, details')]
      .filter((el) => el.tagName === 'DETAILS' || !isCoral(el))
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''}`);
  }, root);
}
