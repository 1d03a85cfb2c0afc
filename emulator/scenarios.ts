/**
 * Ready-made states for tests and demos ([contract: The emulator's control routes, journal and faults], "seeds"): a legacy 6.3-style
 * setup, duplicate Brand Portal IMS configurations, an existing cloud configuration. Each is
 * written the way AEM itself would have written it, through the same modules the servlets use.
 */
import { ENDPOINTS, tenantUserFolder } from '../core/contract/endpoints';
import { CLOUD_CONFIG, IMS, replicationUserId } from '../core/contract/aem-names';
import type { EmulatorContext } from './context';
import { createAgents, registerTenant, saveCloudConfig } from './brand-portal';
import { createAuthorizable } from './authorizables';
import { HttpError } from './http';
import { saveImsConfig } from './ims-configs';
import { getIntegration, registerIntegration } from './ims-stub';

export type Scenario = 'legacy' | 'duplicateIms' | 'existingCloudConfig';
export const SCENARIOS: Scenario[] = ['legacy', 'duplicateIms', 'existingCloudConfig'];

/** The demo Developer Console credential `npm start` prints (OAuth Server-to-Server). */
export const DEMO_INTEGRATION = {
  clientId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  clientSecret: 'demo-secret-change-me',
  orgId: '0123456789ABCDEF01234567@AdobeOrg',
  technicalAccountId: '89ABCDEF0123456789ABCDEF@techacct.adobe.com',
  scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext'],
  metascopes: ['ent_brand_portal_sdk'],
};
export const DEMO_TENANT_URL = 'https://demo.brand-portal.adobe.com';

/**
 * The demo credential as the Developer Console's OAuth Server-to-Server JSON (its upper-case
 * keys), on one line: what `npm start` prints to paste into step 4.
 */
export function demoCredentialJson(): string {
  return JSON.stringify({
    CLIENT_ID: DEMO_INTEGRATION.clientId,
    CLIENT_SECRETS: [DEMO_INTEGRATION.clientSecret],
    ORG_ID: DEMO_INTEGRATION.orgId,
    TECHNICAL_ACCOUNT_ID: DEMO_INTEGRATION.technicalAccountId,
    SCOPES: DEMO_INTEGRATION.scopes,
  });
}

/** The demo credential in the IMS stub and the demo tenant in the Brand Portal stub, as npm start prints them. */
export function seedDemo(ctx: EmulatorContext): void {
  ensureDemoIntegration(ctx);
  registerTenant(ctx.repo, DEMO_TENANT_URL);
}

export function ensureDemoIntegration(ctx: EmulatorContext): void {
  if (!getIntegration(ctx.repo, DEMO_INTEGRATION.clientId)) registerIntegration(ctx.repo, DEMO_INTEGRATION);
}

function demoOauthConfig(ctx: EmulatorContext, title: string): string {
  ensureDemoIntegration(ctx);
  return saveImsConfig(ctx.repo, {
    authType: 'oauth',
    title,
    authServerUrl: IMS.defaultServer,
    clientId: DEMO_INTEGRATION.clientId,
    clientSecret: DEMO_INTEGRATION.clientSecret,
    orgId: DEMO_INTEGRATION.orgId,
    scopes: DEMO_INTEGRATION.scopes,
  });
}

export function applyScenario(ctx: EmulatorContext, scenario: string): Record<string, unknown> {
  switch (scenario) {
    case 'legacy': {
      const tenant = 'legacyco';
      const tenantUrl = `https://${tenant}.brand-portal.adobe.com`;
      const configPath = `${ENDPOINTS.legacyCloudConfigRoot.path}/legacy-brand-portal`;
      ctx.repo.change((tx) => {
        tx.setProps(configPath, { 'jcr:primaryType': 'cq:Page' });
        tx.setProps(`${configPath}/jcr:content`, {
          'jcr:primaryType': 'cq:PageContent',
          'jcr:title': 'Brand Portal (legacy)',
          'cq:template': '/libs/dam/templates/mediaportal',
          'sling:resourceType': 'dam/components/mediaportal',
          [CLOUD_CONFIG.tenantUrlProperty]: tenantUrl,
        });
        const user = createAuthorizable(tx, tenantUserFolder(ENDPOINTS, tenant), replicationUserId(tenant), 'rep:SystemUser');
        tx.ensure(`${user}/keystore`);
        tx.ensure(`${user}/oauth`);
      });
      createAgents(ctx.repo, tenantUrl, '');
      return { configPath, tenantUrl };
    }
    case 'duplicateIms':
      return { ids: [demoOauthConfig(ctx, 'Brand Portal'), demoOauthConfig(ctx, 'Brand Portal (copy)')] };
    case 'existingCloudConfig': {
      const imsConfig = demoOauthConfig(ctx, 'Brand Portal');
      registerTenant(ctx.repo, DEMO_TENANT_URL);
      const delay = ctx.options.agentDelayMs;
      ctx.options.agentDelayMs = 0;
      try {
        return { imsConfig, path: saveCloudConfig(ctx, { name: 'Brand Portal', tenantUrl: DEMO_TENANT_URL, imsConfig }) };
      } finally {
        ctx.options.agentDelayMs = delay;
      }
    }
    default:
      throw new HttpError(400, `Unknown scenario ${scenario}; known: ${SCENARIOS.join(', ')}`);
  }
}
