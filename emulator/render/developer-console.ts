/**
 * A one-form stand-in for the Adobe Developer Console, so the JWT path can be walked by hand:
 * paste or drop AEM-Adobe-IMS.crt, get a service-account credential the IMS stub accepts, and the
 * JWT payload to paste into the setup page.
 */
import { IMS } from '../../core/contract/aem-names';
import { coralHead } from './coral-head';

/** The page's script, served from its own address so the page works under a strict CSP. */
export const developerConsoleScript = `
  document.getElementById('create').addEventListener('click', async () => {
    const out = document.getElementById('result');
    const secret = new URLSearchParams(location.search).get('secret') || '';
    const res = await fetch('/__emulator/ims/jwt-credentials', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Emulator-Secret': secret },
      body: JSON.stringify({ certificatePem: document.getElementById('certificate').value }) });
    if (!res.ok) { out.textContent = 'Error: ' + await res.text(); return; }
    const c = await res.json();
    const payload = { exp: Math.floor(Date.now() / 1000) + 86400, iss: c.orgId, sub: c.technicalAccountId,
      ['${IMS.defaultServer}${IMS.metascopePrefix}${IMS.brandPortalMetascope}']: true, aud: '${IMS.defaultServer}${IMS.audiencePrefix}' + c.clientId };
    out.textContent = 'Client ID: ' + c.clientId + '\\nClient secret: ' + c.clientSecret + '\\nOrganization ID: ' + c.orgId +
      '\\nTechnical account ID: ' + c.technicalAccountId + '\\n\\nJWT payload:\\n' + JSON.stringify(payload, null, 2);
  });
`;

export const developerConsolePage = (): string => `<!DOCTYPE html>
<html lang="en" class="coral--light"><head><meta charset="utf-8"><title>Developer Console (emulator)</title>${coralHead()}</head>
<body class="coral--light" style="max-width:760px;margin:24px auto;font-family:sans-serif">
<h1 class="coral-Heading coral-Heading--2">Developer Console (local emulator)</h1>
<p>Stands in for <em>Adobe Developer Console → Service Account (JWT) credential → Upload public key</em>. Only this emulator's IMS stub accepts the result.</p>
<label for="certificate">Public certificate (AEM-Adobe-IMS.crt)</label><br>
<textarea id="certificate" rows="10" style="width:100%;font-family:monospace" placeholder="-----BEGIN CERTIFICATE-----"></textarea>
<p><button is="coral-button" variant="cta" id="create">Create credential</button></p>
<pre id="result" style="white-space:pre-wrap"></pre>
<script src="/__emulator/developer-console.js"></script>
</body></html>`;
