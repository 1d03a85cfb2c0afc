/**
 * A Coral text field in Granite's field wrapper (label, field, message), the error shown once:
 * Coral's invalid state marks the field (its own alert icon inside it) and the message is spelled
 * out right below it, named by aria-describedby. A second Granite error icon would repeat it. Validation is the pure domain validator; the
 * message appears once the field was left (after the click that left it, see afterPress) or the
 * form tried to submit, and updates as the admin types.
 */
import type { Verdict } from '../../../core/domain/validate';
import { afterPress, watchPresses } from './after-press';
import { textarea, textfield } from './coral';
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
  /** Moves the focus here, and keeps it here past a Coral button's own focus a frame after its press. */
  focus(): void;
}

let counter = 0;

const createInput = (options: FieldOptions): HTMLInputElement | HTMLTextAreaElement =>
  options.type === 'textarea' ? textarea(options.label, 8) : textfield(options.type === 'password' ? 'password' : 'text');

export function createField(options: FieldOptions, validate: (value: string) => Verdict, onChange: () => void): Field {
  const id = `bpsetup-field-${options.name}-${++counter}`;
  const input = createInput(options);
  input.name = options.name;
  input.setAttribute('data-bpsetup-validate', options.name);
  input.setAttribute('aria-describedby', `${id}-message`);
  if (options.placeholder) input.placeholder = options.placeholder;
  if (options.autocomplete) input.setAttribute('autocomplete', options.autocomplete);
  if (options.value) input.value = options.value;
  input.spellcheck = false;
  const message = el('div', { class: 'bpsetup-field-message', id: `${id}-message`, 'aria-live': 'polite' });
  const root = labelled(input, id, options.label, message);
  root.classList.add('bpsetup-field');
  root.dataset.field = options.name;
  if (options.help) root.appendChild(el('div', { class: 'bpsetup-field-help coral-Body--XS' }, options.help));

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
      const error = Boolean(show && verdict.error);
      message.textContent = text;
      message.className = `bpsetup-field-message${error ? ' coral-Form-errorlabel is-error' : text ? ' coral-Body--XS is-warning' : ''}`;
      (input as unknown as { invalid: boolean }).invalid = error;
      input.setAttribute('aria-invalid', String(error));
      return verdict;
    },
    setHidden(hidden: boolean) {
      root.hidden = hidden;
    },
    focus() {
      input.focus();
      // Coral's button focuses itself one animation frame after mousedown; a quick click's submit
      // runs before that frame, so the field would lose the focus it was just given.
      requestAnimationFrame(() => {
        if (document.activeElement !== input) input.focus();
      });
    },
  };
  input.addEventListener('input', () => {
    field.check();
    onChange();
  });
  watchPresses();
  input.addEventListener('blur', () =>
    afterPress(() => {
      touched = true;
      field.check();
      onChange();
    }),
  );
  return field;
}

/**
 * A control in Granite's field wrapper, named by a visible label instead of an aria-label;
 * `after` follows it (a message, a note). Every field is one; so is a box that is not validated
 * (a box to paste into, a report to copy).
 */
export function labelled(control: HTMLElement, id: string, label: string, ...after: Node[]): HTMLElement {
  control.removeAttribute('aria-label');
  control.id = id;
  control.classList.add('coral-Form-field');
  return el(
    'div',
    { class: 'coral-Form-fieldwrapper' },
    el('label', { for: id, class: 'coral-Form-fieldlabel' }, label),
    control,
    ...after,
  );
}
