/**
 * The one i18n helper: Granite.I18n on AEM (English text is the key, `{0}` placeholders),
 * plain substitution where Granite is absent (tests, the missing-Coral message).
 */
export function t(text: string, ...snippets: string[]): string {
  const i18n = typeof window !== 'undefined' ? window.Granite?.I18n : undefined;
  if (i18n) return snippets.length ? i18n.get(text, snippets) : i18n.get(text);
  return text.replace(/\{(\d+)\}/g, (m, i: string) => snippets[Number(i)] ?? m);
}
