/** HTML pages: the Tools console and Granite shell pages rendered from repository nodes. */
import { RESOURCE_TYPES } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, route } from '../context';
import { escapeHtml, sendHtml } from '../http';
import { renderShellPage } from '../render/shell-page';
import { renderToolsConsole } from '../render/tools-console';

const notEmulated = (path: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>The local AEM emulator has no page at <code>${escapeHtml(path)}</code>. Only the consoles the Brand Portal setup uses are emulated.</p>
<p><a href="/aem/start.html">Back to Tools</a></p></body></html>`;

export function pageRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('GET', /^\/aem\/start\.html$/, (req, res) =>
      sendHtml(res, 200, renderToolsConsole(ctx.repo, req.url.searchParams.get('category'))),
    ),

    route('GET', /^(\/.+)\.html$/, (req, res, match) => {
      const page = ctx.repo.get(match[1]);
      const content = page?.children['jcr:content'];
      if (page?.props['jcr:primaryType'] === 'cq:Page' && content?.props['sling:resourceType'] === RESOURCE_TYPES.shellPage) {
        return sendHtml(res, 200, renderShellPage(ctx.repo, content));
      }
      sendHtml(res, 404, notEmulated(req.path));
    }),
  ];
}
