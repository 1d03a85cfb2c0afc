/**
 * The Tools console (global navigation → Tools): categories from /libs and /apps merged as the
 * Sling Resource Merger does (apps children added, same name overrides), tiles of one category.
 * Like every Granite console on AEM it loads Coral and Granite's foundation (with jQuery), so the
 * page-readiness figures compare our page with a console that starts as AEM's does.
 */
import type { Repository, RepoNode } from '../store';
import { escapeHtml } from '../http';
import { includeClientlibs } from './coral-head';
import { shellHeader } from './granite-markup';

const NAV = '/cq/core/content/nav/tools';
/** What a Granite console includes before its own libraries. */
const GRANITE_CONSOLE_CATEGORIES = ['coralui3', 'granite.ui.coral.foundation'];

export interface ToolsCategory {
  name: string;
  node: RepoNode;
}

export function mergedToolsCategories(repo: Repository): ToolsCategory[] {
  const merged = new Map<string, RepoNode>();
  for (const base of ['/libs', '/apps']) {
    for (const [name, node] of Object.entries(repo.get(`${base}${NAV}`)?.children ?? {})) {
      const previous = merged.get(name);
      merged.set(
        name,
        previous ? { props: { ...previous.props, ...node.props }, children: { ...previous.children, ...node.children } } : node,
      );
    }
  }
  return [...merged].map(([name, node]) => ({ name, node }));
}

const str = (node: RepoNode, key: string) => (typeof node.props[key] === 'string' ? (node.props[key] as string) : '');

export function renderToolsConsole(repo: Repository, selected: string | null): string {
  const categories = mergedToolsCategories(repo);
  const current = categories.find((c) => c.name === selected) ?? categories[0];
  const rail = categories
    .map((c) => {
      const active = c === current;
      return `<a class="emulator-tools-category${active ? ' is-selected' : ''}" href="/aem/start.html?category=${encodeURIComponent(c.name)}" data-category="${escapeHtml(c.name)}"${active ? ' aria-current="page"' : ''}>${escapeHtml(str(c.node, 'jcr:title') || c.name)}</a>`;
    })
    .join('\n');
  const tiles = Object.entries(current?.node.children ?? {})
    .map(([name, tile]) => {
      const target = str(tile, 'target');
      return `<a class="emulator-tools-tile" href="${escapeHtml(str(tile, 'href'))}" data-id="${escapeHtml(str(tile, 'id') || name)}"${target ? ` target="${escapeHtml(target)}"` : ''} title="${escapeHtml(str(tile, 'jcr:description'))}">
  <coral-icon icon="${escapeHtml(str(tile, 'icon') || 'apps')}" size="L"></coral-icon>
  <span class="emulator-tools-tile-title">${escapeHtml(str(tile, 'jcr:title') || name)}</span>
  <span class="emulator-tools-tile-description">${escapeHtml(str(tile, 'jcr:description'))}</span>
</a>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en" class="coral--light">
<head><meta charset="utf-8"><title>Tools | Adobe Experience Manager</title>${includeClientlibs(repo, GRANITE_CONSOLE_CATEGORIES)}
<style>
  .emulator-tools{display:flex;min-height:calc(100vh - 48px)}
  .emulator-tools nav{width:220px;padding:16px 0;border-right:1px solid #e1e1e1;background:#fafafa}
  .emulator-tools-category{display:block;padding:8px 24px;color:#4b4b4b;text-decoration:none}
  .emulator-tools-category.is-selected{background:#e1e1e1;font-weight:bold}
  .emulator-tools main{flex:1;padding:24px;display:flex;flex-wrap:wrap;align-content:flex-start;gap:16px}
  .emulator-tools-tile{width:180px;min-height:150px;padding:16px;border:1px solid #e1e1e1;border-radius:4px;background:#fff;color:#2c2c2c;text-decoration:none;display:flex;flex-direction:column;align-items:center;text-align:center;gap:8px}
  .emulator-tools-tile:hover{border-color:#378ef0}
  .emulator-tools-tile-title{font-weight:bold}
  .emulator-tools-tile-description{font-size:12px;color:#6e6e6e}
</style></head>
<body class="coral--light">
<coral-shell>
${shellHeader()}
<coral-shell-content>
<h1 class="coral-Heading coral-Heading--3" style="margin:16px 24px">Tools</h1>
<div class="emulator-tools">
<nav aria-label="Tools categories">${rail}</nav>
<main aria-label="${escapeHtml(current ? str(current.node, 'jcr:title') : '')}">${tiles}</main>
</div>
</coral-shell-content>
</coral-shell>
</body></html>`;
}
