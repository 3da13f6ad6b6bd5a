// node-postgres (pg) with the pgvector npm package, as pgvector-node's README uses them.
// Usage: node pg_pgvector.mjs <node_modules dir> <host> <port>. Prints one line per step:
// "ok <step> <json>" or "error <step> <sqlstate> <message>"; runs every step even after errors.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, host, port] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const pg = require('pg');
const pgvector = await import(pathToFileURL(path.join(modules, 'pgvector', 'src', 'pg', 'index.js')).href);

const client = new pg.Client({ host, port: Number(port), user: 'postgres', database: 'postgres' });
client.on('notice', () => {});

async function step(name, fn) {
  try {
    const out = await fn();
    console.log(`ok ${name} ${JSON.stringify(out === undefined ? null : out)}`);
  } catch (e) {
    console.log(`error ${name} ${e.code || '-'} ${String(e.message).replace(/\n/g, ' ')}`);
  }
}

const timer = setTimeout(() => { console.log('timeout'); process.exit(3); }, 60000);
await step('connect', () => client.connect().then(() => undefined));
await step('create_extension', () => client.query('CREATE EXTENSION IF NOT EXISTS vector').then(() => undefined));
await step('register_types', () => pgvector.registerTypes(client));
await step('create_table', () => client.query(
  'CREATE TABLE node_items (id bigserial PRIMARY KEY, content text, embedding vector(3))').then(() => undefined));
await step('insert_to_sql', async () => {
  const rows = [[1, 1, 1], [2, 2, 2], [1, 1, 2], [5, 5, 5], [0, 0, 1], [9, 9, 9], [-1, 0, 1]];
  let n = 0;
  for (const [i, e] of rows.entries()) {
    const r = await client.query('INSERT INTO node_items (content, embedding) VALUES ($1, $2)',
      [`item ${i}`, pgvector.toSql(e)]);
    n += r.rowCount;
  }
  return n;
});
await step('insert_many_returning', async () => {
  const r = await client.query(
    'INSERT INTO node_items (content, embedding) VALUES ($1, $2), ($3, $4) RETURNING id',
    ['a', pgvector.toSql([3, 3, 3]), 'b', pgvector.toSql([4, 4, 4])]);
  return r.rows.map((x) => Number(x.id));
});
await step('nearest_l2', async () => {
  const r = await client.query('SELECT id, embedding FROM node_items ORDER BY embedding <-> $1 LIMIT 5',
    [pgvector.toSql([1, 1, 1])]);
  return r.rows.map((x) => ({ id: Number(x.id), embedding: x.embedding, isArray: Array.isArray(x.embedding) }));
});
await step('nearest_cosine_with_distance', async () => {
  const r = await client.query(
    'SELECT content, embedding <=> $1 AS distance FROM node_items ORDER BY embedding <=> $1 LIMIT 3',
    [pgvector.toSql([0, 0, 1])]);
  return r.rows.map((x) => [x.content, Math.round(x.distance * 1e6) / 1e6]);
});
await step('hnsw_index', async () => {
  await client.query('CREATE INDEX ON node_items USING hnsw (embedding vector_l2_ops)');
  const r = await client.query('SELECT id FROM node_items ORDER BY embedding <-> $1 LIMIT 3',
    [pgvector.toSql([9, 9, 9])]);
  return r.rows.map((x) => Number(x.id));
});
await step('prepared_named', async () => {
  const q = { name: 'nearest', text: 'SELECT id FROM node_items ORDER BY embedding <-> $1 LIMIT 1' };
  const a = await client.query({ ...q, values: [pgvector.toSql([0, 0, 1])] });
  const b = await client.query({ ...q, values: [pgvector.toSql([5, 5, 5])] });
  return [Number(a.rows[0].id), Number(b.rows[0].id)];
});
await step('average', async () => {
  const r = await client.query('SELECT avg(embedding) AS a FROM node_items WHERE id <= 2');
  return r.rows[0].a;
});
await step('pool', async () => {
  const pool = new pg.Pool({ host, port: Number(port), user: 'postgres', database: 'postgres', max: 2 });
  pool.on('connect', async (c) => { await pgvector.registerTypes(c); });
  const c = await pool.connect();
  await pgvector.registerTypes(c);
  const r = await c.query('SELECT embedding FROM node_items WHERE id = 1');
  c.release();
  await pool.end();
  return r.rows[0].embedding;
});
await step('drop_table', () => client.query('DROP TABLE node_items').then(() => undefined));
await client.end();
clearTimeout(timer);
