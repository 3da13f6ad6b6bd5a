"""What pgvector-python's asyncpg support does, step by step, each with a timeout: one line per
step, "ok <step> ..." or "error <step> <exception class> <message>", or "timeout <step>" when the
server left the client waiting. Usage: asyncpg_steps.py PORT"""
import asyncio
import struct
import sys

import asyncpg

PORT = int(sys.argv[1])


def encode(v):
    return struct.pack('>HH', len(v), 0) + struct.pack('>%df' % len(v), *v)


def decode(b):
    dim = struct.unpack_from('>H', b)[0]
    return list(struct.unpack_from('>%df' % dim, b, 4))


async def step(name, awaitable):
    try:
        result = await asyncio.wait_for(awaitable, 10)
        print('ok', name, result, flush=True)
    except asyncio.TimeoutError:
        print('timeout', name, flush=True)
    except Exception as e:  # a PostgreSQL error: the server answered
        print('error', name, type(e).__name__, str(e).replace('\n', ' '), flush=True)


async def main():
    conn = await asyncpg.connect(host='127.0.0.1', port=PORT, user='postgres', database='postgres')
    await step('create', conn.execute('CREATE TABLE asyncpg_items (id bigint, embedding vector(3))'))
    await step('insert', conn.execute("INSERT INTO asyncpg_items VALUES (1, '[1,2,3]')"))
    await step('fetch_ids', conn.fetch('SELECT id FROM asyncpg_items'))
    await step('set_type_codec', conn.set_type_codec(
        'vector', schema='public', format='binary', encoder=encode, decoder=decode))
    await step('fetch_vectors', conn.fetch('SELECT embedding FROM asyncpg_items'))
    await step('executemany', conn.executemany('INSERT INTO asyncpg_items VALUES ($1, $2)',
                                               [(2, [4.0, 5.0, 6.0]), (3, [7.0, 8.0, 9.0])]))
    await step('copy_records', conn.copy_records_to_table(
        'asyncpg_items', records=[(4, [1.0, 1.0, 1.0])], columns=['id', 'embedding']))
    await step('nearest', conn.fetch(
        'SELECT id FROM asyncpg_items ORDER BY embedding <-> $1 LIMIT 2', [7.0, 8.0, 8.0]))
    await step('fetch_after', conn.fetch('SELECT count(*) FROM asyncpg_items'))
    await conn.close()


asyncio.run(main())
