// The floors the scenarios are measured against, in a process of their own (as the service runs in one):
// B0 bare http with a constant answer, B1 bare http + pg running the statements the status runs, B2 bare
// http + pg reading one row by its primary key. Usage: node floors.mjs <port> <databaseUrl>
import { createServer } from 'node:http';
import pg from 'pg';
import { statusStatements } from './status-sql.mjs';

const [port, databaseUrl] = process.argv.slice(2);
// The service's pool size, so B1 and S1 have the same number of connections.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const constant = JSON.stringify({ data: { __typename: 'Query' } });

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function send(res, status, payload) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

const server = createServer((req, res) => {
  if (req.url === '/b0') {
    req.resume();
    req.on('end', () => send(res, 200, constant));
    return;
  }
  body(req)
    .then(async (input) => {
      if (req.url === '/b1') {
        const results = [];
        for (const { text, params } of statusStatements(input.id)) results.push((await pool.query(text, params)).rows);
        return send(res, 200, JSON.stringify({ data: results.map((r) => r.length) }));
      }
      if (req.url === '/b2') {
        const { rows } = await pool.query(
          'SELECT agreement_id, number, content_hash FROM agreement_versions WHERE agreement_id = $1 AND number = $2',
          [input.id, 1],
        );
        return send(res, 200, JSON.stringify({ data: rows[0] ?? null }));
      }
      send(res, 404, '{}');
    })
    .catch((error) => send(res, 500, JSON.stringify({ error: String(error) })));
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
