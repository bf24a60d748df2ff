/**
 * What a document costs the server before execution, measured in this process with the server's
 * own code: screen (parse within the token limit, count selections and repeats, check literals:
 * src/server/document-screen.ts), then, if it passes, validate (graphql's rules + depth and
 * aliases) and price (the cost estimate). Each run gets a fresh text (a trailing comment), as an
 * attacker's would, so nothing is cached.
 */
import { specifiedRules, validate } from 'graphql';
import { loadConfig } from '../../src/config.js';
import { validationRules } from '../../src/server/apollo.js';
import { screenDocument } from '../../src/server/document-screen.js';
import { assertOperationCost } from '../../src/server/plugins/query-cost.js';
import { buildSchema } from '../../src/server/schema.js';

export interface DocumentCost {
  name: string;
  bytes: number;
  /** `accepted`, or the stage and code that refused it. */
  outcome: string;
  p50Ms: number;
  maxMs: number;
}

export function measureDocumentCosts(documents: Record<string, string>, runs = 50): DocumentCost[] {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const schema = buildSchema();
  const rules = [...specifiedRules, ...validationRules(config)];
  return Object.entries(documents).map(([name, query]) => {
    const times: number[] = [];
    let outcome = '';
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const screened = screenDocument(`${query}\n# ${run}`, config);
      if ('document' in screened) {
        const errors = validate(schema, screened.document, rules);
        outcome = errors.length ? 'validation: GRAPHQL_VALIDATION_FAILED' : 'accepted';
        if (!errors.length) {
          try {
            assertOperationCost({ schema, document: screened.document }, config.MAX_QUERY_COST);
          } catch {
            outcome = 'cost: QUERY_TOO_COMPLEX';
          }
        }
      } else {
        outcome = 'syntaxError' in screened ? 'parse: GRAPHQL_PARSE_FAILED' : `screen: ${screened.refusal.code}`;
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { name, bytes: Buffer.byteLength(query), outcome, p50Ms: times[Math.floor(times.length / 2)]!, maxMs: times.at(-1)! };
  });
}
