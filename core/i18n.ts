/**
 * The one i18n helper: English text is the key, `{0}` placeholders. On AEM the page installs
 * Granite.I18n as the translator (ui.frontend/src/app/translator.ts), on the global object that the
 * page and every part it fetches share; where none is installed (the CLI, the emulator, tests) the
 * snippets are substituted as written. core/ itself never looks at the browser's window.
 */
export interface Translator {
  get(text: string, snippets?: string[]): string;
}

const KEY = '__bpsetupTranslator';
const installed = (): Translator | undefined => (globalThis as { [KEY]?: Translator })[KEY];

/** Installs the translator every later `t` call uses (the page does, first thing at boot). */
export function installTranslator(translator: Translator): void {
  (globalThis as { [KEY]?: Translator })[KEY] = translator;
}

export function t(text: string, ...snippets: string[]): string {
  const i18n = installed();
  if (i18n) return snippets.length ? i18n.get(text, snippets) : i18n.get(text);
  return text.replace(/\{(\d+)\}/g, (m, i: string) => snippets[Number(i)] ?? m);
}
