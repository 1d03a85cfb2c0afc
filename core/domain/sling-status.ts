/**
 * The HTML status page Sling's POST servlet (and servlets built on it, such as the keystore and
 * user management) answers with: the outcome sits in `<div id="Status">` and `<div id="Message">`.
 * The one reader of that page, shared by the client, the emulator and the tests.
 */
export interface SlingStatusPage {
  /** Present when the body is a Sling status page. */
  status?: number;
  message?: string;
  path?: string;
}

const divText = (html: string, id: string): string | undefined => {
  const m = new RegExp(`<div id="${id}">([\\s\\S]*?)</div>`).exec(html);
  return m
    ? m[1]
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : undefined;
};

export function slingStatusPage(html: string): SlingStatusPage {
  const status = divText(html, 'Status');
  return {
    status: status && /^\d+$/.test(status) ? Number(status) : undefined,
    message: divText(html, 'Message'),
    path: divText(html, 'Path'),
  };
}

/** True when a body is Sling's status page: the default POST servlet handled the request. */
export const isSlingStatusPage = (html: string): boolean => slingStatusPage(html).status !== undefined;
