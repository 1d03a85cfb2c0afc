/**
 * A field's message shown on blur waits for the click that caused the blur: shown while the mouse
 * is still down on a button, it would move that button from under the pointer.
 */
import { createField } from '../../../ui.frontend/src/ui/field';

const wrong = (value: string) => (value === 'ok' ? {} : { error: 'Not ok.' });

function mounted() {
  const field = createField({ name: 'f', label: 'F' }, wrong, () => undefined);
  document.body.appendChild(field.root);
  field.input.value = 'bad';
  const message = () => document.getElementById(field.input.getAttribute('aria-describedby') as string)?.textContent;
  return { field, message };
}

afterEach(() => {
  document.body.textContent = '';
  jest.useRealTimers();
});

test('left by the keyboard, the field says what is wrong at once', () => {
  const { field, message } = mounted();
  field.input.dispatchEvent(new Event('blur'));
  expect(message()).toBe('Not ok.');
});

test('left by a mouse press, the message waits until the press has ended and its click has run', () => {
  jest.useFakeTimers();
  const { field, message } = mounted();
  document.dispatchEvent(new Event('pointerdown'));
  field.input.dispatchEvent(new Event('blur'));
  expect(message()).toBe('');
  document.dispatchEvent(new Event('pointerup'));
  expect(message()).toBe(''); // the click comes right after pointerup
  jest.runAllTimers();
  expect(message()).toBe('Not ok.');
});

test('a press cancelled by the browser still lets the message show', () => {
  jest.useFakeTimers();
  const { field, message } = mounted();
  document.dispatchEvent(new Event('pointerdown'));
  field.input.dispatchEvent(new Event('blur'));
  document.dispatchEvent(new Event('pointercancel'));
  jest.runAllTimers();
  expect(message()).toBe('Not ok.');
});
