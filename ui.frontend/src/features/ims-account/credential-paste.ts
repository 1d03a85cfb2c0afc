/**
 * Step 4's credential paste: a field that takes the credential JSON the Developer Console
 * downloads (pasted, or the file dropped on the step), never keeps the text, refuses private keys
 * and certificates with a plain word, and hands what it read to the form. Part of the IMS form.
 */
import { CredentialsError, type ParsedCredentials, parseCredentials } from '../../../../core/domain/credentials';
import { textarea } from '../../ui/coral';
import { el } from '../../ui/dom';
import { labelled } from '../../ui/field';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem } from '../../ui/problem';

/** Fills the form from what was read and answers the labels of the fields it filled. */
export type FillFromCredentials = (credentials: ParsedCredentials) => string[];

/** The paste field: its element, and the message Connect shows when nothing was pasted. */
export interface CredentialPaste {
  readonly element: HTMLElement;
  /** Says next to the field that the credential is still needed, and moves the focus there. */
  askForCredential(): void;
}

/**
 * The paste field, with its visible label and note. `dropZone` takes a dropped file while
 * `accepting()` says the form is shown.
 */
export function credentialPaste(dropZone: HTMLElement, accepting: () => boolean, fill: FillFromCredentials): CredentialPaste {
  const note = el('div', { class: 'bpsetup-credentials-note', id: 'bpsetup-credentials-note', 'aria-live': 'polite' });
  const read = (text: string) => {
    note.textContent = '';
    note.appendChild(outcomeOf(text, fill));
  };
  const paste = textarea(t('Credential JSON from the Adobe Developer Console'), 3);
  paste.classList.add('bpsetup-credentials-input');
  paste.setAttribute('aria-describedby', note.id);
  paste.placeholder = t('Paste the credential JSON here, or drop the downloaded file on this page');
  paste.addEventListener('input', () => {
    if (paste.value.trim()) read(paste.value);
    paste.value = ''; // the pasted text may hold a secret: not kept in the page
  });
  dropZone.addEventListener('dragover', (e) => e.preventDefault());
  dropZone.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file || !accepting()) return;
    e.preventDefault();
    void file.text().then(read);
  });
  const element = labelled(paste, 'bpsetup-credentials-input', t('Credential JSON from the Adobe Developer Console'), note);
  element.classList.add('bpsetup-credentials');
  return {
    element,
    askForCredential() {
      note.textContent = '';
      note.appendChild(
        renderProblem({
          title: t('No credential yet'),
          explanation: t('Connect needs the OAuth Server-to-Server credential of your Brand Portal project; nothing was sent.'),
          fix: t(
            'Paste the JSON you downloaded for it from the Adobe Developer Console here, or drop the file (step 3 says where to find it).',
          ),
        }),
      );
      paste.focus();
    },
  };
}

/** What a pasted text is, said in the note: a key or a certificate (refused), a credential (filled), or unusable. */
function outcomeOf(text: string, fill: FillFromCredentials): HTMLElement {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    return renderProblem({
      title: t('This is a private key'),
      explanation: t('A private key must never be pasted anywhere; it was not kept and nothing was sent.'),
      fix: t('Paste the credential JSON from the Developer Console here. Certificates belong to step 2.'),
    });
  if (/-----BEGIN CERTIFICATE-----/.test(text))
    return renderProblem(
      {
        title: t('This is a certificate, not a credential file'),
        explanation: t('Certificates are checked in step 2.'),
        fix: t('Paste it in step 2, or paste the credential JSON here.'),
      },
      { variant: 'warning' },
    );
  try {
    const c = parseCredentials(text);
    const filled = fill(c);
    return renderNotice('info', t('Filled from the credential file'), [t('Filled: {0}.', filled.join(', ')), ...c.notes].join(' '));
  } catch (e) {
    return renderProblem({
      title: t('This credential file cannot be used'),
      explanation: e instanceof CredentialsError ? e.message : t('The file could not be read.'),
      fix: t('Download the credential JSON again from the Adobe Developer Console.'),
    });
  }
}
