/**
 * A Coral alert that explains a failure: what happened, why, what to do, an optional link to
 * AEM's own console and retry button, and the raw status and body for experts. Every string goes
 * in as text, so server content can never become markup.
 */
import type { RequestProblem } from '../../../core/domain/explain-request';
import type { Explanation } from '../../../core/domain/explain';
import { type AlertVariant, alert, button, disclosure } from './coral';
import { el } from './dom';
import { t } from '../../../core/i18n';

export interface ProblemOptions {
  variant?: 'error' | 'warning';
  raw?: { status?: number; body: string; where?: string };
  console?: { label: string; href: string };
  onRetry?: () => void;
}

export function renderProblem(p: Pick<Explanation, 'title' | 'explanation' | 'fix'>, options: ProblemOptions = {}): HTMLElement {
  const { element, content } = alert(options.variant ?? 'error', p.title);
  element.classList.add('bpsetup-problem');
  content.textContent = '';
  content.append(
    el('p', { class: 'bpsetup-problem-why' }, p.explanation),
    el('p', { class: 'bpsetup-problem-fix' }, el('strong', {}, t('Fix: ')), p.fix),
  );
  if (options.console)
    content.appendChild(
      el(
        'p',
        {},
        el('a', { href: options.console.href, class: 'bpsetup-console-link', target: '_blank', rel: 'noopener' }, options.console.label),
      ),
    );
  if (options.onRetry) {
    const retry = button(t('Try again'));
    retry.classList.add('bpsetup-retry');
    retry.addEventListener('click', options.onRetry);
    content.appendChild(retry);
  }
  if (options.raw) {
    const status = options.raw.status !== undefined ? `HTTP ${options.raw.status}` : '';
    const raw = disclosure(
      t('Details for experts'),
      el('pre', {}, [status, options.raw.where ?? '', options.raw.body].filter(Boolean).join('\n')),
    );
    raw.classList.add('bpsetup-raw');
    content.appendChild(raw);
  }
  return element;
}

export const renderRequestProblem = (p: RequestProblem, onRetry?: () => void): HTMLElement =>
  renderProblem(p, { raw: p.raw, console: p.console, onRetry: p.retry ? onRetry : undefined });

export function renderNotice(variant: AlertVariant, title: string, text: string): HTMLElement {
  const { element, content } = alert(variant, title);
  content.textContent = text;
  return element;
}

/**
 * Shows the outcome of an action in its place and moves keyboard focus to it, so keyboard and
 * screen-reader users land on what just happened (the container is also a polite live region);
 * `focus` false where the page shows something nobody asked for just now.
 */
export function showResult(container: HTMLElement, result: HTMLElement, focus = true): void {
  container.textContent = '';
  container.appendChild(result);
  result.tabIndex = -1;
  if (focus) result.focus({ preventScroll: false });
}
