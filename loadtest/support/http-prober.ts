/**
 * Ordinary HTTP traffic for the fan-out bench, in a process of its own (so the subscribers' event
 * loop does not delay it): an open-loop probe that sends one GraphQL query every `1000 / rate` ms,
 * round-robin over the given servers, whatever the previous answers took, and prints one JSON
 * line per request ({ start, end, status }, epoch ms) when it is done.
 *
 *   tsx loadtest/support/http-prober.ts '{"urls":[...],"token":"…","query":"…","rate":40,"seconds":10}'
 *   tsx loadtest/support/http-prober.ts '{"urls":[...],"get":"/healthz","rate":10,"seconds":10}'   # GET a path instead
 */
import { Agent, request } from 'undici';

interface ProbeOptions {
  urls: string[];
  token?: string;
  query?: string;
  /** GET this path (e.g. /healthz) instead of POSTing the query to /graphql. */
  get?: string;
  /** Requests per second, over all servers. */
  rate: number;
  seconds: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

async function main() {
  const options = JSON.parse(process.argv[2]!) as ProbeOptions;
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const body = JSON.stringify({ query: options.query });
  const samples: { start: number; end: number; status: number }[] = [];
  const inFlight: Promise<void>[] = [];
  const started = epochNow();
  const gap = 1000 / options.rate;
  for (let i = 0; epochNow() - started < options.seconds * 1000; i++) {
    const url = options.urls[i % options.urls.length]!;
    const start = epochNow();
    inFlight.push(
      (options.get
        ? request(`${url}${options.get}`, { dispatcher })
        : request(`${url}/graphql`, { method: 'POST', dispatcher, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` } }))
        .then(async (response) => {
          await response.body.text();
          samples.push({ start, end: epochNow(), status: response.statusCode });
        })
        .catch(() => void samples.push({ start, end: epochNow(), status: 0 })),
    );
    const next = started + (i + 1) * gap;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - epochNow())));
  }
  await Promise.all(inFlight);
  await dispatcher.close();
  process.stdout.write(samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
