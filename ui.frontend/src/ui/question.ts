/**
 * A question shown next to the button that asked it (nothing is sent until it is answered): it
 * replaces what its box held, and its answer button takes the focus. The pressed button takes the
 * focus back one frame after mousedown (Coral's own focus handling), so it is given again then.
 */
export function showQuestion(box: HTMLElement, question: HTMLElement, answer: HTMLElement): void {
  box.textContent = '';
  box.appendChild(question);
  box.hidden = false;
  answer.focus();
  requestAnimationFrame(() => {
    if (document.activeElement !== answer) answer.focus();
  });
}

export function hideQuestion(box: HTMLElement): void {
  box.hidden = true;
  box.textContent = '';
}
