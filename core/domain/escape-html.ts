const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML. Every server-provided string passes through here (or goes in as
 * textContent) before it reaches markup: foundation-ui messages and Coral content zones take HTML,
 * and an IMS or AEM error body may be hostile.
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
