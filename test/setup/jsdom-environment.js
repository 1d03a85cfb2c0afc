// jsdom, plus the Fetch API classes a browser has (jsdom lacks Response, Headers, Request):
// Node's own implementations, so the AEM client meets real Response objects in unit tests.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Response', 'Headers', 'Request', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder']) {
      if (typeof this.global[name] === 'undefined' || name === 'AbortController' || name === 'AbortSignal')
        this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetch;
