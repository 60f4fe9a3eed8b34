/**
 * @fileoverview The stand-in for Apps Script's client library in the local sidebar: a
 * `google.script.run` that behaves like the real one (immutable runners from
 * withSuccessHandler/withFailureHandler/withUserObject, asynchronous calls, Date arguments
 * refused) but POSTs to the local server, a `google.script.host`, and what only the local host
 * has: the status of its output writes.
 */

/** Where the local server tells how its output writes are going (see server.ts). */
export const OUTPUTS_STATUS = '/outputs/status';

/** The browser script, as text; `names` are the server functions the page may call. */
export function bridgeScript(names: readonly string[]): string {
  // Plain ES5 in a string: it runs in the page as is, never through a bundler.
  return `(function () {
  'use strict';
  var NAMES = ${JSON.stringify(names)};
  function later(f) { setTimeout(f, 0); }
  function runner(success, failure, userObject) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, failure, userObject); },
      withFailureHandler: function (f) { return runner(success, f, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    NAMES.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        function fail(e) {
          var err = e instanceof Error ? e : new Error(String(e));
          if (failure) failure(err, userObject);
          else console.error('google.script.run.' + name + ' failed without a failure handler:', err);
        }
        var body;
        try {
          body = JSON.stringify({ args: args }, function (key, value) {
            if (this[key] instanceof Date) throw new Error('A Date cannot be passed to google.script.run (argument of ' + name + '): send it as text.');
            return value;
          });
        } catch (e) {
          later(function () { fail(e); });
          return;
        }
        fetch('/api/' + encodeURIComponent(name), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: body,
          credentials: 'same-origin',
          cache: 'no-store'
        }).then(function (res) {
          return res.json().catch(function () { throw new Error('The local sidebar server answered HTTP ' + res.status + ' without JSON.'); });
        }, function (e) {
          throw new Error('The local sidebar server is not answering (' + (e && e.message) + '): is npm run sidebar still running?');
        }).then(function (data) {
          if (data && data.ok === true) { if (success) success(data.result, userObject); }
          else fail(new Error((data && data.error) || 'The server call failed.'));
        }).catch(fail);
      };
    });
    return r;
  }
  var closed = function () {
    document.body.textContent = 'The sidebar was closed. Reload the page to open it again.';
  };
  // Only the local host has an output folder: the sidebar watches its writes through this
  // (Apps Script has no such object, and the sidebar's own script never fetches).
  window.campaignSheetsLocal = {
    outputStatus: function () {
      return fetch('${OUTPUTS_STATUS}', { credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
        if (!res.ok) throw new Error('The local sidebar server answered HTTP ' + res.status + '.');
        return res.json();
      });
    }
  };
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      close: closed,
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () {} }
    }
  };
})();`;
}

/** Apps Script shows a sidebar 300 px wide; the local page draws that frame. */
const FRAME_STYLE = 'html{background:#f1f3f4}body{width:300px;min-height:100vh;background:#fff;box-shadow:0 0 0 1px #dadce0}';

/** The sidebar page with the bridge placed before the sidebar's own script. */
export function injectBridge(html: string, names: readonly string[]): string {
  const body = html.search(/<body[\s>]/i);
  const script = body < 0 ? -1 : html.indexOf('<script', body);
  if (script < 0) throw new Error('The sidebar page has no script in its body: is dist/Sidebar.html a built sidebar?');
  const bridge = `<style>${FRAME_STYLE}</style>\n<script>${bridgeScript(names).replace(/<\/script/gi, '<\\/script')}</script>\n`;
  return html.slice(0, script) + bridge + html.slice(script);
}
