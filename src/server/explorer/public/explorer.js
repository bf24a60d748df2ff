// The offline explorer (/explorer): GraphiQL with a sign-in form, served by the API from
// node_modules, so it needs no internet. Plain browser JavaScript on purpose (no build step):
// React, ReactDOM, GraphiQL and graphql-ws are the UMD builds loaded by index.html.
//
// Signing in runs the `login` mutation and puts `Authorization: Bearer <accessToken>` into the
// headers editor; every operation is sent with the headers in that editor. The session is kept
// in this tab's sessionStorage and refreshed (refreshSession) a minute before the token expires.
// Subscriptions go over graphql-ws on the same URL, signed in with
// connectionParams { authorization } taken from the same headers.
(function () {
  'use strict';
  /* global React, ReactDOM, GraphiQL, graphqlWs */
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var endpoint = new URL(config.graphqlPath, window.location.href);
  var socketUrl = endpoint.href.replace(/^http/, 'ws');
  var SESSION_KEY = 'dandori-explorer-session';
  var REFRESH_BEFORE_MS = 60 * 1000;

  var form = document.getElementById('sign-in');
  var signedIn = document.getElementById('signed-in');
  var who = document.getElementById('who');
  var statusLine = document.getElementById('status');
  var session = null;
  var refreshTimer = null;
  var headersText = JSON.stringify(config.headerTemplate, null, 2);

  if (new URLSearchParams(window.location.search).get('from') === 'sandbox') document.getElementById('offline-note').hidden = false;
  for (var name in config.signIn) if (form.elements[name]) form.elements[name].value = config.signIn[name];

  function post(body, headers) {
    return fetch(endpoint, {
      method: 'POST',
      headers: Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, headers || {}),
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json();
    });
  }

  function firstError(result) {
    var error = result.errors && result.errors[0];
    return error ? error.message + (error.extensions && error.extensions.code ? ' (' + error.extensions.code + ')' : '') : null;
  }

  function signIn(variables) {
    statusLine.textContent = 'Signing in…';
    return post({
      query: config.operations.signIn, // listed in the trusted documents manifest
      variables: variables,
    }).then(function (result) {
      var problem = firstError(result);
      if (problem) throw new Error(problem);
      useSession(Object.assign({ tenantSlug: variables.tenantSlug }, result.data.login));
    });
  }

  function refresh() {
    if (!session) return Promise.resolve();
    return post({
      query: config.operations.refresh,
      variables: { refreshToken: session.refreshToken },
    }).then(function (result) {
      var problem = firstError(result);
      if (problem) throw new Error(problem);
      useSession(Object.assign({ tenantSlug: session.tenantSlug }, result.data.refreshSession));
    });
  }

  function signOut() {
    var ending = session;
    useSession(null);
    if (ending) post({ query: config.operations.signOut }, { authorization: 'Bearer ' + ending.accessToken }).catch(function () {});
  }

  function useSession(next) {
    session = next;
    clearTimeout(refreshTimer);
    statusLine.textContent = '';
    if (next) {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
      who.textContent = next.user.displayName + ' (' + next.user.role + ') · ' + next.tenantSlug;
      var wait = Math.max(0, new Date(next.accessTokenExpiresAt).getTime() - Date.now() - REFRESH_BEFORE_MS);
      refreshTimer = setTimeout(function () {
        refresh().catch(function (error) {
          useSession(null);
          statusLine.textContent = 'Session ended: ' + error.message;
        });
      }, wait);
      headersText = JSON.stringify({ Authorization: 'Bearer ' + next.accessToken }, null, 2);
    } else {
      sessionStorage.removeItem(SESSION_KEY);
      headersText = JSON.stringify(config.headerTemplate, null, 2);
    }
    form.hidden = Boolean(next);
    signedIn.hidden = !next;
    render();
  }

  // --- the fetcher: HTTP for queries and mutations, graphql-ws for subscriptions -------------

  function headerValue(headers, wanted) {
    for (var key in headers || {}) if (key.toLowerCase() === wanted) return headers[key];
    return undefined;
  }

  function isSubscription(documentAST, operationName) {
    var operations = ((documentAST && documentAST.definitions) || []).filter(function (d) {
      return d.kind === 'OperationDefinition';
    });
    var chosen = operations.length === 1 ? operations[0] : operations.find(function (d) {
      return d.name && d.name.value === operationName;
    });
    return Boolean(chosen && chosen.operation === 'subscription');
  }

  var socket = null;
  var socketAuthorization = null;
  /** One WebSocket per Authorization value: signing in as someone else reconnects. */
  function socketFor(authorization) {
    if (socket && socketAuthorization === authorization) return socket;
    if (socket) socket.dispose();
    socketAuthorization = authorization;
    socket = graphqlWs.createClient({
      url: socketUrl,
      lazy: true,
      retryAttempts: 0,
      connectionParams: authorization ? { authorization: authorization } : {},
    });
    return socket;
  }

  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    if (isSubscription(options && options.documentAST, params.operationName)) {
      return socketFor(headerValue(headers, 'authorization')).iterate(params);
    }
    return post(params, headers);
  }

  // --- GraphiQL ----------------------------------------------------------------------------

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var variablesText = JSON.stringify(config.variables, null, 2);
  function render() {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: config.document,
        variables: variablesText,
        headers: headersText,
        defaultEditorToolsVisibility: 'headers',
        shouldPersistHeaders: false,
      }),
    );
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    signIn({ tenantSlug: data.get('tenantSlug'), email: data.get('email'), password: data.get('password') }).catch(function (error) {
      statusLine.textContent = 'Sign-in failed: ' + error.message;
    });
  });
  document.getElementById('sign-out').addEventListener('click', signOut);

  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  } catch (ignored) {
    saved = null;
  }
  if (saved) {
    useSession(saved);
    // A token that expired while the tab was closed: trade the refresh token for a new one.
    if (new Date(saved.accessTokenExpiresAt).getTime() < Date.now() + REFRESH_BEFORE_MS) {
      refresh().catch(function () {
        useSession(null);
      });
    }
  } else {
    render();
  }
})();
