/**
 * A fresh emulated author: the parts of /libs, /home, /etc and /conf that AEM ships and the
 * contract relies on. Our own package is installed on top of this at start-up.
 */
import { randomBytes } from 'node:crypto';
import { ENDPOINTS } from '../core/contract/endpoints';
import { AGENTS, KEYSTORE } from '../core/contract/aem-names';
import { oakNodeName } from './authorizables';
import { type RepoNode, type JcrValue, newNode } from './store';

type Tree = { [name: string]: [string, Record<string, JcrValue>, Tree?] };

function build(tree: Tree): Record<string, RepoNode> {
  const out: Record<string, RepoNode> = {};
  for (const [name, [type, props, children]] of Object.entries(tree)) {
    const node = newNode(type, props);
    node.children = build(children ?? {});
    out[name] = node;
  }
  return out;
}

const tile = (title: string, description: string, href: string, icon: string, id: string): [string, Record<string, JcrValue>] => [
  'nt:unstructured',
  { 'jcr:title': title, 'jcr:description': description, href, icon, id },
];

/** Adobe's own Tools categories (a few tiles each), so our category sits among real neighbours. */
const toolsNav: Tree = {
  general: [
    'sling:OrderedFolder',
    { 'jcr:title': 'General', id: 'cq-tools-general' },
    {
      packages: tile('Packages', 'Package Manager', '/crx/packmgr/index.jsp', 'box', 'cq-tools-general-packages'),
    },
  ],
  security: [
    'sling:OrderedFolder',
    { 'jcr:title': 'Security', id: 'cq-tools-security' },
    {
      adobeims: tile(
        'Adobe IMS Configurations',
        'Configure Adobe IMS technical accounts',
        ENDPOINTS.imsConsole.path,
        'shield',
        'cq-tools-security-adobeims',
      ),
      users: tile('Users', 'Manage users', '/libs/granite/security/content/useradmin.html', 'user', 'cq-tools-security-users'),
    },
  ],
  deployment: [
    'sling:OrderedFolder',
    { 'jcr:title': 'Deployment', id: 'cq-tools-deployment' },
    {
      replication: tile('Replication', 'Replication agents', '/etc/replication.html', 'globe', 'cq-tools-deployment-replication'),
    },
  ],
  cloudservices: [
    'sling:OrderedFolder',
    { 'jcr:title': 'Cloud Services', id: 'cq-tools-cloudservices' },
    {
      legacy: tile(
        'Legacy Cloud Services',
        'Classic cloud service configurations',
        '/libs/cq/core/content/tools/cloudservices.html',
        'cloud',
        'cq-tools-cloudservices-legacy',
      ),
    },
  ],
};

const folder = (children: Tree = {}): [string, Record<string, JcrValue>, Tree] => ['sling:Folder', {}, children];

export function seedRepository(): RepoNode {
  const root = newNode('rep:root');
  root.children = build({
    libs: folder({
      cq: folder({
        core: folder({ content: ['nt:unstructured', {}, { nav: ['nt:unstructured', {}, { tools: ['nt:unstructured', {}, toolsNav] }] }] }),
      }),
    }),
    apps: folder({
      system: folder({ config: ['nt:folder', {}] }),
    }),
    home: [
      'rep:AuthorizableFolder',
      {},
      {
        users: [
          'rep:AuthorizableFolder',
          {},
          {
            system: [
              'rep:AuthorizableFolder',
              {},
              {
                // Oak-style random node names: clients find these users only by looking them up.
                [oakNodeName()]: [
                  'rep:SystemUser',
                  { 'rep:authorizableId': KEYSTORE.serviceUser, 'rep:principalName': KEYSTORE.serviceUser },
                ],
                [oakNodeName()]: ['rep:SystemUser', { 'rep:authorizableId': AGENTS.queueUser, 'rep:principalName': AGENTS.queueUser }],
              },
            ],
            a: [
              'rep:AuthorizableFolder',
              {},
              {
                admin: ['rep:User', { 'rep:authorizableId': 'admin', 'rep:principalName': 'admin' }],
              },
            ],
          },
        ],
      },
    ],
    etc: folder({
      replication: folder({ 'agents.author': ['cq:Page', {}] }),
      cloudservices: folder({ mediaportal: ['cq:Page', {}] }),
      packages: folder(),
    }),
    var: folder({
      emulator: folder({
        // Master key of the emulator's CryptoSupport (secrets are stored protected with it).
        crypto: ['nt:unstructured', { masterKey: randomBytes(32).toString('base64') }],
        ims: folder({ integrations: ['sling:Folder', {}] }),
        brandportal: folder({ tenants: ['sling:Folder', {}] }),
      }),
    }),
    conf: folder({
      global: folder({ settings: folder({ cloudconfigs: folder({ mediaportal: ['sling:Folder', {}] }) }) }),
    }),
  });
  return root;
}
