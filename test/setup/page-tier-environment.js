// The page tier: the setup page in jsdom (real Coral, the Granite stand-in) talking to a real
// emulator in the same process over HTTP. Node's own fetch, form bodies, timers and Buffer, so the
// AEM client sends what Node's HTTP stack understands and the emulator runs as it does in Node.
const JsdomWithFetch = require('./jsdom-environment');

class PageTierEnvironment extends JsdomWithFetch {
  constructor(config, context) {
    super(config, context);
    for (const name of ['fetch', 'URLSearchParams', 'FormData', 'Blob', 'setImmediate', 'clearImmediate', 'Buffer', 'structuredClone'])
      this.global[name] = globalThis[name];
  }
}

module.exports = PageTierEnvironment;
