/** Developer Console credential files [contract: Credential formats]: the three shapes, unknown keys ignored. */
import { CredentialsError, parseCredentials } from '../../../core/domain/credentials';
import { describeSecret } from '../../../core/domain/mask';

const ORG = '0123456789ABCDEF01234567@AdobeOrg';

test('project JSON ("Download all") with an OAuth Server-to-Server credential', () => {
  const project = {
    project: {
      name: 'bp',
      org: { id: '1', ims_org_id: ORG },
      workspace: {
        details: {
          credentials: [
            { id: '1', name: 'jwt', integration_type: 'service_account', service_account: { client_id: 'jwtid', client_secret: 'j' } },
            {
              id: '2',
              name: 'oauth',
              integration_type: 'oauth_server_to_server',
              oauth_server_to_server: {
                client_id: 'oid',
                client_secrets: ['s1', 's2'],
                technical_account_id: 'T@techacct.adobe.com',
                technical_account_email: 'e@techacct.adobe.com',
                scopes: ['openid', 'AdobeID'],
              },
            },
          ],
        },
      },
    },
  };
  expect(parseCredentials(JSON.stringify(project))).toEqual({
    clientId: 'oid',
    clientSecret: 's1',
    orgId: ORG,
    technicalAccountId: 'T@techacct.adobe.com',
    technicalAccountEmail: 'e@techacct.adobe.com',
    scopes: ['openid', 'AdobeID'],
    authType: 'oauth',
    notes: [
      'The project has 2 credentials; the first OAuth Server-to-Server one is used.',
      'The file lists several client secrets; the first one is used.',
    ],
  });
});

test('single OAuth credential download: upper-case keys', () => {
  const parsed = parseCredentials(
    JSON.stringify({
      CLIENT_ID: 'c',
      CLIENT_SECRETS: ['s'],
      ORG_ID: ORG,
      TECHNICAL_ACCOUNT_ID: 't@techacct.adobe.com',
      SCOPES: ['openid'],
      EXTRA: 1,
    }),
  );
  expect(parsed).toMatchObject({ clientId: 'c', clientSecret: 's', orgId: ORG, scopes: ['openid'], authType: 'oauth', notes: [] });
});

test('hand-made flat file (Cloud Manager CLI style) with meta_scopes', () => {
  const parsed = parseCredentials(
    JSON.stringify({
      client_id: 'c',
      client_secret: 's',
      ims_org_id: ORG,
      technical_account_id: 't@techacct.adobe.com',
      meta_scopes: 'ent_brand_portal_sdk',
    }),
  );
  expect(parsed).toMatchObject({ clientId: 'c', clientSecret: 's', orgId: ORG, scopes: ['ent_brand_portal_sdk'] });
});

test('a JWT-only project is read as JWT', () => {
  const project = {
    project: {
      org: { ims_org_id: ORG },
      workspace: {
        details: {
          credentials: [
            {
              integration_type: 'service_account',
              service_account: { client_id: 'j', client_secret: 'x', technical_account_id: 't@techacct.adobe.com' },
            },
          ],
        },
      },
    },
  };
  expect(parseCredentials(JSON.stringify(project))).toMatchObject({ clientId: 'j', authType: 'jwt' });
});

test.each([
  ['not json', 'This is not a JSON file'],
  ['[1,2]', 'must hold a JSON object'],
  ['{"name":"x"}', 'No client ID'],
  ['{"project":{"workspace":{"details":{"credentials":[]}}}}', 'no OAuth Server-to-Server or Service Account'],
])('%s is refused with a reason', (text, reason) => {
  expect(() => parseCredentials(text)).toThrow(CredentialsError);
  expect(() => parseCredentials(text)).toThrow(reason);
});

test('a secret is described, never shown', () => {
  expect(describeSecret('p8e-abcdefghijklmnop1234')).toBe('•••• (24 characters)');
  expect(describeSecret('short')).toBe('•••• (5 characters)');
});
