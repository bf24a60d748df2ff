/**
 * The baseline for `npm run bench`: a bare node:http handler answering like a trivial GraphQL
 * query would. Every benchmark figure is a ratio against this, measured in the same run.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({ data: { __typename: 'Query' } });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
