/** Renders a `granite/ui/components/shell/page` page from its repository nodes. */
import type { Repository, RepoNode } from '../store';
import { escapeHtml } from '../http';
import { includeClientlibs } from './coral-head';
import { renderComponent, shellHeader } from './granite-markup';

const INCLUDE_CLIENTLIBS = 'granite/ui/components/coral/foundation/includeclientlibs';

function headCategories(content: RepoNode): string[] {
  const out: string[] = [];
  for (const child of Object.values(content.children.head?.children ?? {})) {
    if (child.props['sling:resourceType'] !== INCLUDE_CLIENTLIBS) continue;
    const cats = child.props.categories;
    out.push(...(Array.isArray(cats) ? cats.map(String) : typeof cats === 'string' ? [cats] : []));
  }
  return out;
}

export function renderShellPage(repo: Repository, content: RepoNode): string {
  const title = String(content.children.title?.props['jcr:title'] ?? content.props['jcr:title'] ?? '');
  const consoleId = String(content.props.consoleId ?? '');
  const body = content.children.content ? renderComponent(content.children.content) : '';
  return `<!DOCTYPE html>
<html lang="en" class="coral--light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | Adobe Experience Manager</title>
${includeClientlibs(repo, headCategories(content))}
</head>
<body class="coral--light foundation-layout-util-maximized-alt">
<coral-shell class="granite-shell" data-granite-shell-console-id="${escapeHtml(consoleId)}">
${shellHeader()}
<coral-shell-content>
<div class="foundation-layout-panel">
  <div class="foundation-layout-panel-header"><h1 class="granite-title coral-Heading coral-Heading--3" role="heading" aria-level="1" style="margin:16px 24px">${escapeHtml(title)}</h1></div>
  <div class="foundation-layout-panel-bodywrapper"><div class="foundation-layout-panel-body"><div class="foundation-layout-panel-content">
${body}
  </div></div></div>
</div>
</coral-shell-content>
</coral-shell>
</body>
</html>`;
}
