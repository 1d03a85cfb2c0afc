/**
 * Runs a callback once the pointer press now under way has finished its click, or at once when
 * no press is under way. A field's message shown on blur moves the buttons below it; shown while
 * the admin's mouse is still down on a button, it would move that button away from under the
 * pointer and the click would land on nothing. Waiting for the release keeps the click where the
 * admin aimed it.
 */
let pressed = false;
let listening = false;

/** Starts watching presses; called when a field is made, before any press it must know of. */
export function watchPresses(): void {
  if (listening) return;
  listening = true;
  document.addEventListener('pointerdown', () => (pressed = true), true);
  const release = () => (pressed = false);
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}

export function afterPress(callback: () => void): void {
  if (!pressed) {
    callback();
    return;
  }
  // The click is dispatched right after pointerup, in the same task; a timeout runs after it.
  const done = () => {
    document.removeEventListener('pointerup', done, true);
    document.removeEventListener('pointercancel', done, true);
    setTimeout(callback, 0);
  };
  document.addEventListener('pointerup', done, true);
  document.addEventListener('pointercancel', done, true);
}
