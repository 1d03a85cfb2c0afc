/**
 * A Coral alert that explains a failure: what happened, why, what to do, an optional link to
 * AEM's own console and retry button, and the raw status and body for experts. Every string goes
 * in as text, so server content can never become markup.
 */
import type { RequestProblem } from '../domain/explain-request';
import type { Explanation } from '../domain/explain';
import { disclosure } from './coral';
import { el } from './dom';
import { t } from '../i18n';

export interface ProblemOptions {
  variant?: 'error' | 'warning';
  raw?: { status?: number; body: string; where?: string };
  console?: { label: string; href: string };
  onRetry?: () => void;
}

export function renderProblem(p: Pick<Explanation, 'title' | 'explanation' | 'fix'>, options: ProblemOptions = {}): HTMLElement {
  const alert = new (window.Coral as CoralStatic).Alert();
  alert.variant = options.variant ?? 'error';
  alert.classList.add('bpsetup-problem');
  alert.header.textContent = p.title;
  const content = alert.content as unknown as HTMLElement;
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
    const retry = new (window.Coral as CoralStatic).Button();
    retry.label.textContent = t('Try again');
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
  return alert;
}

export const renderRequestProblem = (p: RequestProblem, onRetry?: () => void): HTMLElement =>
  renderProblem(p, { raw: p.raw, console: p.console, onRetry: p.retry ? onRetry : undefined });

export function renderNotice(variant: 'info' | 'success' | 'warning' | 'error', title: string, text: string): HTMLElement {
  const alert = new (window.Coral as CoralStatic).Alert();
  alert.variant = variant;
  alert.header.textContent = title;
  (alert.content as unknown as HTMLElement).textContent = text;
  return alert;
}

export type CoralButton = HTMLButtonElement & { label: { textContent: string | null }; variant: string; icon: string };

export function button(
  label: string,
  variant: 'primary' | 'cta' | 'secondary' | 'warning' | 'quiet' = 'secondary',
  icon?: string,
): CoralButton {
  const b = new (window.Coral as CoralStatic).Button() as unknown as CoralButton;
  b.label.textContent = label;
  b.variant = variant;
  if (icon) b.icon = icon;
  b.type = 'button';
  return b;
}

/**
 * Shows the outcome of an action in its place and moves keyboard focus to it, so keyboard and
 * screen-reader users land on what just happened (the container is also a polite live region).
 */
export function showResult(container: HTMLElement, result: HTMLElement): void {
  container.textContent = '';
  container.appendChild(result);
  result.tabIndex = -1;
  result.focus({ preventScroll: false });
}
