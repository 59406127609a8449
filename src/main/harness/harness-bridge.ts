/**
 * The harness's stand-in for the preload: a classic script that defines window.safehold with
 * exactly the preload's shape (one method per channel, grouped by domain) and sends each call to
 * the harness over loopback HTTP. The page's CSP allows only same-origin scripts, so it is served
 * as a file rather than inlined. It carries channel names only; the token stays in its closure.
 */
import { bridgePath, CHANNELS } from '../../shared/ipc-contract'

export const BRIDGE_PATH = '/__safehold/bridge.js'
export const IPC_PREFIX = '/__safehold/ipc/'
export const TOKEN_HEADER = 'x-safehold-token'

export function bridgeScript(): string {
  const table = CHANNELS.map((channel) => [channel, ...bridgePath(channel)])
  // ES5 syntax with explicit semicolons: this text runs as written, with no bundler or formatter.
  return `// Safehold harness bridge: window.safehold over loopback HTTP (development and tests only).
(function () {
  'use strict';
  var channels = ${JSON.stringify(table)};
  var token = new URLSearchParams(location.search).get('token') || '';
  function failure(message) {
    return { ok: false, error: { code: 'IO_ERROR', message: message } };
  }
  function call(channel, request) {
    return new Promise(function (resolve) {
      resolve(request === undefined ? '' : JSON.stringify(request));
    })
      .then(function (body) {
        return fetch(${JSON.stringify(IPC_PREFIX)} + channel, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: token },
          body: body,
          cache: 'no-store',
          credentials: 'omit'
        });
      })
      .then(
        function (response) {
          return response.json();
        },
        function () {
          return failure('The Safehold harness did not answer; is it still running?');
        }
      )
      .catch(function () {
        return failure('The Safehold harness sent an answer that is not JSON.');
      });
  }
  var api = {};
  channels.forEach(function (entry) {
    var methods = api[entry[1]] || (api[entry[1]] = {});
    methods[entry[2]] = function (request) {
      return call(entry[0], request);
    };
  });
  Object.keys(api).forEach(function (domain) {
    Object.freeze(api[domain]);
  });
  Object.defineProperty(window, 'safehold', { value: Object.freeze(api), enumerable: true });
})();
`
}

/** index.html with the bridge loaded before the app's module script, which runs after it. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`
  const moduleScript = html.search(/<script\b[^>]*\btype=["']?module\b/i)
  if (moduleScript >= 0)
    return `${html.slice(0, moduleScript)}${tag}\n    ${html.slice(moduleScript)}`
  const headEnd = html.search(/<\/head>/i)
  if (headEnd >= 0) return `${html.slice(0, headEnd)}  ${tag}\n  ${html.slice(headEnd)}`
  return `${tag}\n${html}`
}
