"""What the SQLAlchemy-based client scripts share (sqlalchemy_steps.py, alembic_steps.py): pgvector's
vector type in the few lines pgvector-python's SQLAlchemy Vector type amounts to (Debian does not
package it), and the step runner that prints "ok <step> <json>" or "error <step> <sqlstate or
exception class> <message>" and goes on to the next step."""
import json
import sys
import traceback

import sqlalchemy as sa
from sqlalchemy.types import UserDefinedType


class Vector(UserDefinedType):
    """pgvector's vector(n), sent and read as text '[1,2,3]'."""
    cache_ok = True

    def __init__(self, dim=None):
        self.dim = dim

    def get_col_spec(self, **kw):
        return 'VECTOR' if self.dim is None else 'VECTOR(%d)' % self.dim

    def bind_processor(self, dialect):
        return lambda v: None if v is None else '[' + ','.join(str(float(x)) for x in v) + ']'

    def result_processor(self, dialect, coltype):
        return lambda v: None if v is None else [float(x) for x in v[1:-1].split(',')]

    class comparator_factory(UserDefinedType.Comparator):
        def l2_distance(self, other):
            return self.op('<->', return_type=sa.Float)(other)

        def cosine_distance(self, other):
            return self.op('<=>', return_type=sa.Float)(other)


def step(name, fn):
    try:
        out = fn()
        print('ok', name, json.dumps(out, default=str), flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is reported, then the next step runs
        orig = getattr(e, 'orig', None)
        code = getattr(orig, 'pgcode', None) or type(e).__name__
        msg = str(orig if orig is not None else e).strip().replace('\n', ' ')
        print('error', name, code, msg, flush=True)
        traceback.print_exc(file=sys.stderr)
