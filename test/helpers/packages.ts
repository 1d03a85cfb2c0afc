/** Small FileVault packages built in a test, as an admin's own ACL package would be. */
import { ZipFile } from 'yazl';

export function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new ZipFile();
  for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** A package that grants `principal` the privileges at `path` (only that access list, merged). */
export function aclPackage(path: string, principal: string, privileges: string[]): Promise<Buffer> {
  return zip({
    'META-INF/vault/properties.xml': `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">
<properties>
<entry key="name">acl-${principal}</entry>
<entry key="group">test</entry>
<entry key="version">1.0</entry>
<entry key="acHandling">merge</entry>
</properties>
`,
    'META-INF/vault/filter.xml': `<?xml version="1.0" encoding="UTF-8"?>
<workspaceFilter version="1.0"><filter root="${path}/rep:policy"/></workspaceFilter>
`,
    [`jcr_root${path}/_rep_policy.xml`]: `<?xml version="1.0" encoding="UTF-8"?>
<jcr:root xmlns:jcr="http://www.jcp.org/jcr/1.0" xmlns:rep="internal" jcr:primaryType="rep:ACL">
    <allow jcr:primaryType="rep:GrantACE" rep:principalName="${principal}" rep:privileges="{Name}[${privileges.join(',')}]"/>
</jcr:root>
`,
  });
}
