/**
 * A tiny renderer for the Granite UI resource types our content uses. Unknown types render as an
 * HTML comment, so a content node the emulator does not understand is visible, not silently lost.
 */
import type { RepoNode } from '../store';
import { escapeHtml } from '../http';

/** Granite's common attributes: granite:id, granite:class, granite:title, granite:hidden, granite:data. */
export function commonAttrs(node: RepoNode, extraClass = ''): string {
  const p = node.props;
  const attrs: string[] = [];
  if (typeof p['granite:id'] === 'string') attrs.push(`id="${escapeHtml(p['granite:id'])}"`);
  const cls = [extraClass, typeof p['granite:class'] === 'string' ? p['granite:class'] : ''].filter(Boolean).join(' ');
  if (cls) attrs.push(`class="${escapeHtml(cls)}"`);
  if (typeof p['granite:title'] === 'string') attrs.push(`title="${escapeHtml(p['granite:title'])}"`);
  if (p['granite:hidden'] === true) attrs.push('hidden');
  const data = node.children['granite:data'];
  for (const [k, v] of Object.entries(data?.props ?? {})) {
    if (k.startsWith('jcr:')) continue;
    attrs.push(`data-${escapeHtml(k)}="${escapeHtml(String(v))}"`);
  }
  return attrs.length ? ` ${attrs.join(' ')}` : '';
}

export function renderComponent(node: RepoNode): string {
  const type = String(node.props['sling:resourceType'] ?? '');
  switch (type) {
    case 'granite/ui/components/coral/foundation/container': {
      const items = Object.values(node.children.items?.children ?? {});
      return `<div${commonAttrs(node)}>${items.map(renderComponent).join('')}</div>`;
    }
    case 'granite/ui/components/coral/foundation/text':
      return `<span${commonAttrs(node)}>${escapeHtml(String(node.props.text ?? ''))}</span>`;
    case 'granite/ui/components/coral/foundation/heading': {
      const level = Math.min(6, Math.max(1, Number(node.props.level ?? 2)));
      return `<h${level}${commonAttrs(node, `coral-Heading coral-Heading--${level}`)}>${escapeHtml(String(node.props.text ?? ''))}</h${level}>`;
    }
    default:
      return `<!-- emulator: resource type "${escapeHtml(type)}" is not rendered -->`;
  }
}

/** The shell chrome every Granite console shares: dark header bar with the AEM home link. */
export function shellHeader(): string {
  return `<coral-shell-header class="coral--dark granite-shell-header" aria-label="Header Bar">
  <coral-shell-header-home class="globalnav-toggle">
    <a href="/aem/start.html" class="emulator-home" style="color:inherit;text-decoration:none;display:flex;align-items:center;gap:8px">
      <coral-icon icon="adobeExperienceManagerColor" size="M"></coral-icon><span>Adobe Experience Manager</span>
    </a>
  </coral-shell-header-home>
  <coral-shell-header-actions><a href="/system/sling/logout.html" style="color:inherit" class="emulator-signout">Sign out</a></coral-shell-header-actions>
</coral-shell-header>`;
}
