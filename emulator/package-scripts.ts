/**
 * Whether the installed package put a script where Sling would run it: the node carries the
 * component's resource type and the script file exists. Without it a request falls through to
 * Sling's default servlets, as on AEM.
 */
import type { EmulatorContext } from './context';

export const scriptInstalled = (ctx: EmulatorContext, node: string, resourceType: string, script: string): boolean =>
  ctx.repo.get(node)?.props['sling:resourceType'] === resourceType && ctx.repo.exists(script);
