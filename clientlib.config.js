// aem-clientlib-generator config: turns the webpack output into an AEM client library folder.
// The generator owns the target folder (deletes and rewrites it), so it is git-ignored.
const path = require('path');

module.exports = {
  context: path.join(__dirname, 'ui.frontend/dist'),
  clientLibRoot: path.join(__dirname, 'ui.apps/src/main/content/jcr_root/apps/bpsetup/clientlibs'),
  libs: [
    {
      name: 'clientlib-setup',
      categories: ['bpsetup.setup'],
      // Coral and Granite come from the page (includeclientlibs), never from us; the CSRF
      // library is the one AEM dependency: it patches XHR/forms for any Granite code we trigger.
      dependencies: ['granite.csrf.standalone'],
      serializationFormat: 'xml',
      allowProxy: true,
      jsProcessor: ['default:none', 'min:none'],
      cssProcessor: ['default:none', 'min:none'],
      assets: {
        js: { cwd: 'clientlib-setup', files: ['*.js'], flatten: false },
        css: { cwd: 'clientlib-setup', files: ['*.css'], flatten: false },
        // Served as /etc.clientlibs/bpsetup/clientlibs/clientlib-setup/resources/parts/*.js
        resources: { cwd: 'clientlib-setup', files: ['parts/*.js'], flatten: false },
      },
    },
  ],
};
