/**
 * A labelled Coral text field with its inline message (error or warning) right below it.
 * Validation is the pure domain validator; the message appears once the field was left or the
 * form tried to submit, and updates as the admin types.
 */
import type { Verdict } from '../domain/validate';
import { el } from './dom';

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'textarea';
  value?: string;
  help?: string;
  placeholder?: string;
  autocomplete?: string;
}

export interface Field {
  readonly name: string;
  readonly root: HTMLElement;
  readonly input: HTMLInputElement | HTMLTextAreaElement;
  value(): string;
  set(value: string): void;
  /** Puts a value back without a message, as if never touched (after a successful submit). */
  reset(value?: string): void;
  /** Runs the validator; shows the message when the field was touched (or `reveal`). */
  check(reveal?: boolean): Verdict;
  setHidden(hidden: boolean): void;
  readonly hidden: boolean;
}

let counter = 0;

function createInput(type: FieldOptions['type']): HTMLInputElement | HTMLTextAreaElement {
  const C = window.Coral;
  if (type === 'textarea') {
    const Textarea = C?.Textarea as (new () => HTMLTextAreaElement) | undefined;
    return Textarea ? new Textarea() : document.createElement('textarea');
  }
  const Textfield = C?.Textfield as (new () => HTMLInputElement) | undefined;
  const input = Textfield ? new Textfield() : document.createElement('input');
  input.type = type === 'password' ? 'password' : 'text';
  return input;
}

export function createField(options: FieldOptions, validate: (value: string) => Verdict, onChange: () => void): Field {
  const id = `bpsetup-field-${options.name}-${++counter}`;
  const input = createInput(options.type);
  input.id = id;
  input.name = options.name;
  input.setAttribute('data-bpsetup-validate', options.name);
  input.setAttribute('aria-describedby', `${id}-message`);
  if (options.placeholder) input.placeholder = options.placeholder;
  if (options.autocomplete) input.setAttribute('autocomplete', options.autocomplete);
  if (options.value) input.value = options.value;
  if (input instanceof HTMLTextAreaElement) input.rows = 8;
  input.spellcheck = false;
  const message = el('div', { class: 'bpsetup-field-message', id: `${id}-message`, 'aria-live': 'polite' });
  const root = el(
    'div',
    { class: 'bpsetup-field', 'data-field': options.name },
    el('label', { for: id, class: 'bpsetup-label' }, options.label),
    input,
    message,
  );
  if (options.help) root.appendChild(el('div', { class: 'bpsetup-field-help' }, options.help));

  let touched = false;
  const field: Field = {
    name: options.name,
    root,
    input,
    get hidden() {
      return root.hidden;
    },
    value: () => input.value,
    set(value: string) {
      input.value = value;
      touched = true;
      field.check();
    },
    reset(value = '') {
      input.value = value;
      touched = false;
      field.check();
    },
    check(reveal = false) {
      if (reveal) touched = true;
      const verdict = root.hidden ? {} : validate(input.value);
      const show = touched || reveal;
      const text = show ? (verdict.error ?? verdict.warning ?? '') : '';
      message.textContent = text;
      message.className = `bpsetup-field-message${show && verdict.error ? ' is-error' : show && verdict.warning ? ' is-warning' : ''}`;
      (input as unknown as { invalid: boolean }).invalid = Boolean(show && verdict.error);
      input.setAttribute('aria-invalid', String(Boolean(show && verdict.error)));
      return verdict;
    },
    setHidden(hidden: boolean) {
      root.hidden = hidden;
    },
  };
  input.addEventListener('input', () => {
    field.check();
    onChange();
  });
  input.addEventListener('blur', () => {
    touched = true;
    field.check();
    onChange();
  });
  return field;
}
