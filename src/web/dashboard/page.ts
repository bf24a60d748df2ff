/**
 * The live dashboard page's HTML and CSS (the script is app.js beside this file). Kept as strings
 * in a module so the build (tsc) carries them into dist/ with the server, and the page needs no
 * CDN, bundler or asset step: everything it loads comes from this server.
 */

import { DASHBOARD_OPERATIONS } from './operations.js';

/** Inside <script type="application/json">: "<" escaped so no text can close the element. */
const operationsJson = JSON.stringify(DASHBOARD_OPERATIONS).replace(/</g, '\\u003c');

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Dandori Portal · Live dashboard</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/dashboard/style.css">
  <script id="dashboard-operations" type="application/json">${operationsJson}</script>
  <script src="/dashboard/graphql-ws.js" defer></script>
  <script type="module" src="/dashboard/app.js"></script>
</head>
<body>
  <header>
    <h1>段取り Dandori Portal <span class="sub">live dashboard</span></h1>
    <div id="status" data-state="signed-out" aria-live="polite">signed out</div>
  </header>
  <main>
    <form id="sign-in" autocomplete="on">
      <h2>Sign in</h2>
      <label>Organisation <input name="tenant" required placeholder="sakura-kensetsu" autocomplete="organization"></label>
      <label>E-mail <input name="email" type="email" required autocomplete="username"></label>
      <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
      <button type="submit">Sign in</button>
      <p id="sign-in-error" role="alert"></p>
    </form>
    <section id="dashboard" hidden>
      <div class="bar"><span id="who"></span> <span id="generated"></span> <button id="sign-out" type="button">Sign out</button></div>
      <div id="tiles" class="tiles"></div>
      <div class="lists">
        <section><h2>Overdue tasks</h2><ol id="overdue"></ol></section>
        <section><h2>Who carries the most</h2><ol id="assignees"></ol></section>
        <section><h2>Projects</h2><ol id="projects"></ol></section>
        <section><h2>Recent activity</h2><ol id="activity"></ol></section>
      </div>
    </section>
  </main>
</body>
</html>
`;

export const DASHBOARD_CSS = `
:root { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; color: #1d2330; background: #f4f6fa; }
body { margin: 0; }
[hidden] { display: none !important; }
header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #1d2330; color: #fff; }
h1 { font-size: 18px; margin: 0; }
h1 .sub { font-weight: normal; opacity: .7; margin-left: 8px; }
#status { font-size: 13px; padding: 4px 10px; border-radius: 12px; background: #59606e; }
#status[data-state="live"] { background: #1f8f4e; }
#status[data-state="reconnecting"], #status[data-state="connecting"] { background: #c27c0e; }
main { padding: 24px; max-width: 1200px; margin: 0 auto; }
form { background: #fff; padding: 24px; border-radius: 8px; max-width: 360px; display: grid; gap: 12px; box-shadow: 0 1px 3px #0002; }
form label { display: grid; gap: 4px; font-size: 14px; }
form input { padding: 8px; font-size: 15px; border: 1px solid #c5cad3; border-radius: 4px; }
button { padding: 8px 14px; font-size: 14px; border: 0; border-radius: 4px; background: #2d5bd3; color: #fff; cursor: pointer; }
#sign-in-error { color: #b3261e; min-height: 1em; margin: 0; }
.bar { display: flex; gap: 16px; align-items: center; margin-bottom: 16px; font-size: 14px; color: #59606e; }
.bar button { margin-left: auto; background: #59606e; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-bottom: 24px; }
.tile { background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px #0002; transition: background .6s; }
.tile .value { font-size: 32px; font-weight: 600; }
.tile .label { font-size: 13px; color: #59606e; text-transform: lowercase; }
.tile.changed { background: #fff4c2; }
.tile.alert .value { color: #b3261e; }
.lists { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 12px; }
.lists section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px #0002; }
.lists h2 { font-size: 15px; margin: 4px 0 8px; }
ol { margin: 0; padding-left: 20px; font-size: 14px; }
li { margin: 4px 0; }
.meta { color: #59606e; font-size: 12px; }
progress { width: 100%; height: 8px; }
`;
