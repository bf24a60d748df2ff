/**
 * The page a browser gets at GET /graphql outside production: Apollo Sandbox, pre-configured
 * (the walkthrough document, its variables, the Authorization header template), with Apollo's
 * in-page telemetry off, and with a way out when it cannot load.
 *
 * Sandbox's code and UI come from Apollo's CDN. With no internet the page would only say
 * "Apollo Sandbox cannot be loaded", so a small script of ours (served from this server, which
 * Apollo's Content-Security-Policy allows as 'self') moves the browser to the offline explorer
 * (/explorer: GraphiQL served from node_modules) as soon as the CDN script fails, or when it has
 * not arrived within FALLBACK_AFTER_MS.
 */
import type { ApolloServerPlugin, GraphQLServerListener } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { HEADER_TEMPLATE, INITIAL_DOCUMENT, INITIAL_VARIABLES } from './initial-document.js';

export const FALLBACK_SCRIPT_PATH = '/explorer/fallback.js';
const FALLBACK_TAG = `<script src="${FALLBACK_SCRIPT_PATH}"></script>`;

export function explorerLandingPagePlugin(): ApolloServerPlugin {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({
    document: INITIAL_DOCUMENT,
    variables: INITIAL_VARIABLES,
    headers: HEADER_TEMPLATE,
    includeCookies: false,
    footer: false,
    embed: { runTelemetry: false, endpointIsEditable: false, initialState: { pollForSchemaUpdates: false } },
  });
  return {
    async serverWillStart(service) {
      const listener = (await sandbox.serverWillStart?.(service)) as GraphQLServerListener | undefined;
      const render = listener?.renderLandingPage;
      if (!render) throw new Error("Apollo's landing page plugin no longer renders a page: update src/server/explorer/landing-page.ts");
      return {
        async renderLandingPage() {
          const page = await render();
          return { html: async () => withOfflineFallback(typeof page.html === 'string' ? page.html : await page.html()) };
        },
      };
    },
  };
}

/** Apollo's page with our fallback script first in <head>, so it runs before the CDN script is fetched. */
export function withOfflineFallback(html: string): string {
  if (!html.includes('<head>')) throw new Error("Apollo's landing page has no <head>: update src/server/explorer/landing-page.ts");
  return html.replace('<head>', `<head>\n    ${FALLBACK_TAG}`);
}
