/** The `<link>`/`<script>` tags AEM's includeclientlibs would print for a set of categories. */
import type { Repository } from '../store';
import { escapeHtml } from '../http';
import { type ScriptRef, CORAL_BASE, GRANITE_LIBS, resolveCategories } from '../clientlibs';

const scriptTag = (s: ScriptRef): string =>
  `<script src="${escapeHtml(s.src)}"${Object.entries(s.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('')}></script>`;

export function includeClientlibs(repo: Repository, categories: string[]): string {
  const { css, js, missing } = resolveCategories(repo, categories);
  return [
    ...css.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}" type="text/css">`),
    ...js.map(scriptTag),
    ...missing.map((c) => `<!-- includeclientlibs: no client library for category ${escapeHtml(c)} -->`),
  ].join('\n');
}

/** Coral alone, for emulator pages that are not Granite shell pages (login). */
export const coralHead = (): string =>
  `<link rel="stylesheet" href="${CORAL_BASE}/css/coral.min.css" type="text/css">` +
  scriptTag({ src: `${GRANITE_LIBS}/local-fonts.js` }) +
  scriptTag({ src: `${CORAL_BASE}/js/coral.min.js`, attrs: { 'data-coral-icons': `${CORAL_BASE}/resources/` } });
