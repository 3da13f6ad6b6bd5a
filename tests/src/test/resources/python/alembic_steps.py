"""Alembic (Debian's python3-alembic) autogenerate against an existing schema, as a project that
adopts migrations on a pgvector database runs it: reflect the database, compare it with the
models, apply the operations, compare again. Prints one line per step: "ok <step> <json>" or
"error <step> <sqlstate or exception class> <message>"; every step runs.
Usage: alembic_steps.py HOST PORT"""
import json
import sys
import traceback
import warnings

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sa_steps import Vector, step

HOST, PORT = sys.argv[1], int(sys.argv[2])
warnings.simplefilter('ignore')  # "did not recognize type 'vector'": reflected as NullType


engine = sa.create_engine('postgresql+psycopg2://postgres@%s:%d/postgres' % (HOST, PORT), future=True)

# the models: what the code says the schema should be
metadata = sa.MetaData()
sa.Table('al_collections', metadata,
         sa.Column('id', sa.Integer, primary_key=True),
         sa.Column('name', sa.Text, nullable=False, unique=True))
sa.Table('al_docs', metadata,
         sa.Column('id', sa.BigInteger, primary_key=True),
         sa.Column('collection_id', sa.Integer,
                   sa.ForeignKey('al_collections.id', ondelete='CASCADE')),
         sa.Column('body', sa.Text),
         sa.Column('title', sa.String(50)),
         sa.Column('created', sa.Date, index=True),
         sa.Column('embedding', Vector(3)))
sa.Table('al_tags', metadata,
         sa.Column('doc_id', sa.BigInteger, sa.ForeignKey('al_docs.id'), primary_key=True),
         sa.Column('tag', sa.String(30), primary_key=True))


def existing_schema():
    with engine.begin() as c:
        for sql in ['DROP TABLE IF EXISTS al_tags', 'DROP TABLE IF EXISTS al_docs',
                    'DROP TABLE IF EXISTS al_collections',
                    'CREATE TABLE al_collections (id serial PRIMARY KEY, name text NOT NULL UNIQUE)',
                    'CREATE TABLE al_docs (id bigserial PRIMARY KEY, collection_id integer'
                    ' REFERENCES al_collections (id) ON DELETE CASCADE, body text,'
                    ' price numeric(10,2), created date, embedding vector(3))',
                    'CREATE INDEX al_docs_body ON al_docs (body)']:
            c.exec_driver_sql(sql)
    return 'created'


def describe(diff):
    """One line per difference, without object addresses."""
    if isinstance(diff, list):
        return [describe(d) for d in diff]
    kind = diff[0]
    if kind in ('add_table', 'remove_table'):
        return [kind, diff[1].name]
    if kind in ('add_column', 'remove_column'):
        return [kind, diff[2], diff[3].name, str(diff[3].type)]
    if kind in ('add_index', 'remove_index'):
        return [kind, diff[1].name, [c.name for c in diff[1].columns]]
    if kind in ('add_constraint', 'remove_constraint', 'add_fk', 'remove_fk'):
        return [kind, diff[1].name]
    return [kind] + [str(x) for x in diff[1:3]]


def only_ours(name, type_, parent_names):
    """The comparison looks at this script's tables only (others share the database)."""
    return type_ != 'table' or name.startswith('al_')


def autogenerate():
    with engine.connect() as c:
        mc = MigrationContext.configure(c, opts={'include_name': only_ours})
        return sorted(json.dumps(describe(d)) for d in compare_metadata(mc, metadata))


def apply():
    with engine.begin() as c:
        op = Operations(MigrationContext.configure(c))
        op.add_column('al_docs', sa.Column('title', sa.String(50)))
        op.drop_index('al_docs_body', table_name='al_docs')
        op.drop_column('al_docs', 'price')
        op.create_index(op.f('ix_al_docs_created'), 'al_docs', ['created'])
        op.create_table('al_tags',
                        sa.Column('doc_id', sa.BigInteger, sa.ForeignKey('al_docs.id'), primary_key=True),
                        sa.Column('tag', sa.String(30), primary_key=True))
    return 'applied'


def version_table():
    with engine.begin() as c:
        mc = MigrationContext.configure(c)
        mc._ensure_version_table()
        c.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf')")
    with engine.connect() as c:
        current = MigrationContext.configure(c).get_current_revision()
    with engine.begin() as c:
        c.exec_driver_sql('DROP TABLE alembic_version')
    return current


step('existing_schema', existing_schema)
step('autogenerate', autogenerate)
step('apply', apply)
step('autogenerate_again', autogenerate)
step('version_table', version_table)
def cleanup():
    with engine.begin() as c:
        for t in ['al_tags', 'al_docs', 'al_collections']:
            c.exec_driver_sql('DROP TABLE ' + t)
    return 'dropped'


step('cleanup', cleanup)
