"""SQLAlchemy (Debian's python3-sqlalchemy, 1.4 in 2.0 style: future=True) over psycopg2, as an
application with a pgvector column uses it: Core DDL, insert and select, the ORM, and the
Inspector. pgvector-python is not packaged by Debian, so the vector type is the few lines its
SQLAlchemy Vector type amounts to (text form both ways). Prints one line per step:
"ok <step> <json>" or "error <step> <sqlstate or exception class> <message>"; every step runs.
Usage: sqlalchemy_steps.py HOST PORT [ENGINE_OPTION=VALUE ...] (e.g. use_native_hstore=False, to
see past psycopg2's hstore lookup on connect; the test runs with SQLAlchemy's defaults)"""
import json
import sys
import traceback

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql  # noqa: F401 - JSONB
from sqlalchemy import orm
from sa_steps import Vector, step

HOST, PORT = sys.argv[1], int(sys.argv[2])
OPTIONS = {k: v == 'True' if v in ('True', 'False') else v for k, v in (a.split('=', 1) for a in sys.argv[3:])}


engine = sa.create_engine('postgresql+psycopg2://postgres@%s:%d/postgres' % (HOST, PORT),
                          future=True, **OPTIONS)
metadata = sa.MetaData()
items = sa.Table(
    'sa_items', metadata,
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('name', sa.String(20), nullable=False),
    sa.Column('embedding', Vector(3)),
)
docs = sa.Table(
    'sa_docs', metadata,
    sa.Column('id', sa.BigInteger, primary_key=True),
    sa.Column('body', sa.Text),
    sa.Column('embedding', Vector(3)),
    # as applications declare them: a btree index on a foreign-key-like column, a GIN index on
    # metadata (LangChain's PGVector has one); kept for the catalogs only
    sa.Column('collection_id', sa.Integer, index=True),
    sa.Column('meta', sa.dialects.postgresql.JSONB),
    sa.Index('sa_docs_meta_gin', 'meta', postgresql_using='gin',
             postgresql_ops={'meta': 'jsonb_path_ops'}),
    sa.Index('sa_docs_embedding_idx', 'embedding', postgresql_using='hnsw',
             postgresql_with={'m': 16, 'ef_construction': 64},
             postgresql_ops={'embedding': 'vector_l2_ops'}),
)


Base = orm.declarative_base()


class Item(Base):
    __table__ = items


def connect():
    with engine.connect() as c:
        return [engine.dialect.server_version_info[0], c.execute(sa.text('SELECT 1')).scalar()]


def raw_ddl():
    with engine.begin() as c:
        c.execute(sa.text('CREATE EXTENSION IF NOT EXISTS vector'))
        c.execute(sa.text('DROP TABLE IF EXISTS sa_items'))
        c.execute(sa.text('CREATE TABLE sa_items (id serial PRIMARY KEY, name varchar(20) NOT NULL,'
                          ' embedding vector(3))'))


def core_insert():
    with engine.begin() as c:
        r = c.execute(items.insert(), [
            {'name': 'a', 'embedding': [1, 1, 1]},
            {'name': 'b', 'embedding': [2, 2, 2]},
            {'name': 'c', 'embedding': [1, 1, 2]},
        ])
        one = c.execute(items.insert().values(name='d', embedding=[5, 5, 5]).returning(items.c.id))
        return [r.rowcount, one.scalar()]


def core_select():
    with engine.connect() as c:
        q = (sa.select(items.c.name, items.c.embedding)
             .order_by(items.c.embedding.l2_distance([1, 1, 1])).limit(3))
        return [[r.name, r.embedding] for r in c.execute(q)]


def core_select_where():
    with engine.connect() as c:
        q = (sa.select(items.c.id).where(items.c.name.in_(['a', 'd']))
             .where(items.c.embedding.cosine_distance([1, 1, 1]) < 0.5).order_by(items.c.id))
        return [r.id for r in c.execute(q)]


def orm_add_and_query():
    with orm.Session(engine) as s:
        s.add_all([Item(name='e', embedding=[9, 9, 9]), Item(name='f', embedding=[0, 0, 1])])
        s.commit()
        nearest = s.execute(sa.select(Item).order_by(Item.embedding.l2_distance([8, 8, 8])).limit(2)).scalars().all()
        got = s.get(Item, 1)
        return [[i.name, i.embedding] for i in nearest] + [got.name]


def orm_update_delete():
    with orm.Session(engine) as s:
        item = s.execute(sa.select(Item).where(Item.name == 'f')).scalar_one()
        item.embedding = [0, 1, 0]
        s.commit()
        s.delete(item)
        s.commit()
        return s.execute(sa.select(sa.func.count()).select_from(Item)).scalar()


def create_all():
    metadata.create_all(engine, tables=[docs])
    with engine.begin() as c:
        c.execute(docs.insert(), [{'id': 1, 'body': 'x', 'embedding': [1, 2, 3], 'collection_id': 7,
                                   'meta': {'a': 1}}])
        names = c.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'sa_docs'"
                                  " ORDER BY 1")).scalars().all()
    return names


events = sa.Table(
    'sa_events', sa.MetaData(),
    sa.Column('id', sa.BigInteger, sa.Identity(always=True), primary_key=True),
    sa.Column('n', sa.Integer, sa.Identity()),
    sa.Column('body', sa.Text),
)


def identity_columns():
    # Identity() as SQLAlchemy creates, fills and reflects it (GENERATED ... AS IDENTITY)
    events.drop(engine, checkfirst=True)
    events.create(engine)
    with engine.begin() as c:
        ids = c.execute(events.insert().returning(events.c.id, events.c.n),
                        [{'body': 'a'}]).all()
        ids += c.execute(events.insert().values(body='b', n=40).returning(events.c.id, events.c.n)).all()
    try:
        with engine.begin() as c:
            c.execute(events.insert().values(id=7, body='c'))
        refused = None
    except sa.exc.DBAPIError as e:
        refused = e.orig.pgcode
    cols = sa.inspect(engine).get_columns('sa_events')
    reflected = [[col['name'], col.get('default'), col.get('identity', {}).get('always'),
                  col.get('identity', {}).get('start')] for col in cols]
    events.drop(engine)
    return [[list(r) for r in ids], refused, reflected]


def inspector(method, *args):
    def run():
        return getattr(sa.inspect(engine), method)(*args)
    return run


def columns():
    cols = sa.inspect(engine).get_columns('sa_items')
    return [[c['name'], str(c['type']), c['nullable'], c['default']] for c in cols]


step('connect', connect)
step('raw_ddl', raw_ddl)
step('core_insert', core_insert)
step('core_select', core_select)
step('core_select_where', core_select_where)
step('orm_add_and_query', orm_add_and_query)
step('orm_update_delete', orm_update_delete)
step('has_table', lambda: [sa.inspect(engine).has_table('sa_items'), sa.inspect(engine).has_table('nope')])
step('create_all', create_all)
step('get_table_names', lambda: sorted(t for t in sa.inspect(engine).get_table_names() if t.startswith('sa_')))
step('get_columns', columns)
step('get_pk_constraint', inspector('get_pk_constraint', 'sa_items'))
step('get_indexes', inspector('get_indexes', 'sa_docs'))
step('reflect_table', lambda: [c.name for c in sa.Table('sa_items', sa.MetaData(), autoload_with=engine).columns])
step('drop_all', lambda: metadata.drop_all(engine))
step('identity_columns', identity_columns)
