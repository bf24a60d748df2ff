/**
 * The second baseline for `npm run bench`: Apollo Server 5 alone on bare node:http, with a
 * one-field schema and no plugins of ours. The gap between it and the bare handler is Apollo's own
 * cost; the gap between it and our server is ours.
 */
import { createServer } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';

const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } }, csrfPrevention: false });
await apollo.start();

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: new URL(req.url ?? '/', 'http://localhost').search, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') },
    context: async () => ({}),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  res.end(response.body.kind === 'complete' ? response.body.string : '');
});
server.listen(Number(process.env.PORT ?? 4102), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
