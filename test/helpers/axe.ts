/** axe-core (WCAG 2.1 A and AA) in the page under test: the serious and critical violations, described. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/**
 * Waits until no finite animation or transition runs in the page: Coral fades a button from its
 * disabled colours after it is enabled, and a contrast judged mid-fade fails on colours nobody
 * sees for long. Endless ones (a spinner) never settle and are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

export async function seriousViolations(page: Page, context = '#bpsetup-root'): Promise<string[]> {
  await settled(page);
  // Once per page: a second injection would only parse the same half-megabyte again.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(
    async (ctx) =>
      (window as unknown as { axe: { run: (c: string, o: object) => Promise<unknown> } }).axe.run(ctx, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    context,
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}${process.env.AXE_DETAIL ? ` — ${n.failureSummary}` : ''}`,
      ),
    );
}
