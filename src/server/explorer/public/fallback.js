// Loaded first on the Apollo Sandbox page (GET /graphql in a browser). Sandbox's code comes from
// Apollo's CDN; when that cannot be reached (no internet, a blocking proxy), move to the offline
// explorer that this server serves itself from node_modules.
(function () {
  'use strict';
  var FALLBACK_AFTER_MS = 6000;
  var moved = false;
  function goOffline(reason) {
    if (moved || window.EmbeddedSandbox) return;
    moved = true;
    window.location.replace('/explorer?from=sandbox&reason=' + encodeURIComponent(reason));
  }
  // Script load errors do not bubble; they can only be seen while capturing.
  window.addEventListener(
    'error',
    function (event) {
      var element = event.target;
      if (element && element.tagName === 'SCRIPT' && /apollographql\.com/.test(element.src)) goOffline('cdn-unreachable');
    },
    true,
  );
  setTimeout(function () {
    goOffline('timeout');
  }, FALLBACK_AFTER_MS);
})();
