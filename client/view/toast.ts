/** Messages to the user: API errors (title, detail, hint) and notices, never swallowed. */
import { ApiError, isAbort } from '../api';
import { h } from './dom';

let region: HTMLElement | null = null;

function container(): HTMLElement {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toasts', role: 'region', 'aria-label': 'Messages' });
    document.body.append(region);
  }
  return region;
}

/** The parts of an error to show. */
export function describeError(e: unknown): { title: string; detail: string; hint?: string; code?: string } {
  if (e instanceof ApiError)
    return { title: e.title, detail: e.detail, code: e.code, ...(e.hint ? { hint: e.hint } : {}) };
  if (e instanceof Error) return { title: 'Something went wrong', detail: e.message };
  return { title: 'Something went wrong', detail: String(e) };
}

/** An inline error block (for panels and the console). */
export function errorBlock(e: unknown, context?: string): HTMLElement {
  const d = describeError(e);
  return h(
    'div',
    { class: 'error-block', role: 'alert' },
    h('strong', {}, context ? `${context}: ${d.title}` : d.title),
    h('p', {}, d.detail),
    d.hint ? h('p', { class: 'hint' }, `Hint: ${d.hint}`) : null,
  );
}

function show(
  kind: 'error' | 'info',
  title: string,
  detail?: string,
  hint?: string,
  timeout = kind === 'error' ? 12_000 : 4_000,
): void {
  const close = h('button', { class: 'toast-close', 'aria-label': 'Dismiss message', text: '×' });
  const el = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h(
      'div',
      {},
      h('strong', {}, title),
      detail ? h('p', {}, detail) : null,
      hint ? h('p', { class: 'hint' }, `Hint: ${hint}`) : null,
    ),
    close,
  );
  close.addEventListener('click', () => el.remove());
  container().append(el);
  setTimeout(() => el.remove(), timeout);
}

/** Shows an error as a toast (aborted requests are not errors). */
export function showError(e: unknown, context?: string): void {
  if (isAbort(e)) return;
  const d = describeError(e);
  show('error', context ? `${context}: ${d.title}` : d.title, d.detail, d.hint);
  console.warn(context ?? 'error', e);
}

export function showInfo(title: string, detail?: string): void {
  show('info', title, detail);
}
