<#-- PostgreSQL / pgvector additions to Calcite's grammar. -->

/** PostgreSQL's postfix cast: {@code expr :: type}. */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType() {
        list.add(
            new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST,
                s.pos()));
        list.add(dt);
    }
}

/**
 * pgvector's distance operators. They enter Calcite's operator-precedence list like any binary
 * operator; {@link PgOperators} gives them PostgreSQL's "any other operator" precedence.
 */
void VectorDistance(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <VECTOR_L2> { op = PgOperators.L2_DISTANCE; }
    |   <VECTOR_NEG_IP> { op = PgOperators.NEGATIVE_INNER_PRODUCT; }
    |   <VECTOR_COSINE> { op = PgOperators.COSINE_DISTANCE; }
    |   <VECTOR_L1> { op = PgOperators.L1_DISTANCE; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * PostgreSQL's other binary operators ({@code ~}, {@code ->>}, {@code @>}, {@code ?|}, ...),
 * which CalciteText hands over as one back-quoted token, at PostgreSQL's "any other operator"
 * precedence, as {@link PgOperators#generic}.
 */
/** PostgreSQL's {@code x AT TIME ZONE zone}, a binary operator of its own precedence. */
void AtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <AT> <TIME> <ZONE> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(PgOperators.AT_TIME_ZONE, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

void PgGenericOperator(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <PG_OPERATOR> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(
            PgOperators.generic(token.image.substring(1, token.image.length() - 1)), getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * {@code json_agg}, {@code jsonb_agg}, {@code json_object_agg}, {@code jsonb_object_agg} with an
 * optional DISTINCT and an ORDER BY inside the call (the binder reads a trailing SqlNodeList
 * operand as that ORDER BY, as for array_agg and string_agg).
 */
SqlNode PgOrderedAggregateCall() :
{
    final Span s;
    final String name;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlLiteral qualifier = null;
    final SqlNodeList orderBy;
}
{
    (
        <JSON_AGG> { name = "JSON_AGG"; }
    |   <JSONB_AGG> { name = "JSONB_AGG"; }
    |   <JSON_OBJECT_AGG> { name = "JSON_OBJECT_AGG"; }
    |   <JSONB_OBJECT_AGG> { name = "JSONB_OBJECT_AGG"; }
    )
    { s = span(); }
    <LPAREN>
    [ qualifier = AllOrDistinct() ]
    AddArg(args, ExprContext.ACCEPT_SUB_QUERY)
    ( <COMMA> AddArg(args, ExprContext.ACCEPT_SUB_QUERY) )*
    [ orderBy = OrderBy(true) { args.add(orderBy); } ]
    <RPAREN>
    {
        return PgOperators.aggregate(name).createCall(qualifier, s.end(this), args);
    }
}

/**
 * pgvector's {@code vector} and {@code vector(n)}, also qualified by its schema as pg_dump writes
 * it ({@code public.vector(3)}; a name after a dot reaches Calcite quoted, see CalciteText).
 * Another {@code public.name} is a user-defined type name, as Calcite's grammar reads it.
 */
SqlTypeNameSpec VectorTypeName() :
{
    final Span s;
    int dim = -1;
    final SqlIdentifier name;
}
{
    (
        <VECTOR> { s = span(); }
    |
        <PUBLIC> { s = span(); } <DOT> name = SimpleIdentifier() {
            if (!name.getSimple().equals("vector")) {
                return new SqlUserDefinedTypeNameSpec(
                    new SqlIdentifier(Arrays.asList("public", name.getSimple()), s.end(this)),
                    s.end(this));
            }
        }
    )
    [
        LOOKAHEAD(2)
        <LPAREN> dim = UnsignedIntLiteral() <RPAREN>
    ]
    {
        return new SqlVectorTypeNameSpec(dim, s.end(this));
    }
}

boolean PgIfNotExists() :
{
}
{
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; } ]
    { return false; }
}

boolean PgIfExists() :
{
}
{
    [ LOOKAHEAD(2) <IF> <EXISTS> { return true; } ]
    { return false; }
}

/**
 * {@code CREATE TABLE [IF NOT EXISTS] t (col type [column constraint ...], ...,
 * [table constraint], ...)}.
 */
SqlCreate PgCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
}
{
    <TABLE> ifNotExists = PgIfNotExists() id = CompoundIdentifier()
    <LPAREN>
    PgTableElement(columns, constraints)
    ( <COMMA> PgTableElement(columns, constraints) )*
    <RPAREN>
    {
        return new SqlPgCreateTable(s.end(this), ifNotExists, id,
            new SqlNodeList(columns, s.pos()), new SqlNodeList(constraints, s.pos()));
    }
}

/** One column definition (added to {@code columns}) or table constraint (to {@code constraints}). */
void PgTableElement(List<SqlNode> columns, List<SqlNode> constraints) :
{
    SqlIdentifier constraintName = null;
    SqlPgConstraint c;
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean notNull = false;
    boolean primaryKey = false;
    SqlNode defaultValue = null;
    SqlParserPos nullPos = null;
    SqlPgColumn.Identity identity = null;
    SqlPgColumn.Identity second;
    final List<SqlPgConstraint> columnConstraints = new ArrayList<SqlPgConstraint>();
    final Span s;
}
{
    (
        [ <CONSTRAINT> constraintName = SimpleIdentifier() ]
        c = PgTableConstraint() {
            constraints.add(constraintName == null ? c : c.named(constraintName));
        }
    |
        name = SimpleIdentifier() { s = span(); }
        type = DataType()
        (
            [ <CONSTRAINT> constraintName = SimpleIdentifier() ]
            (
                <NOT> <NULL> { notNull = true; }
            |   <NULL> { notNull = false; nullPos = getPos(); }
            |   <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_NON_QUERY)
            |   second = PgIdentity() {
                    identity = identity == null ? second : identity.repeatedAt(second.pos());
                }
            |   c = PgColumnConstraint() {
                    if (c.kind == SqlPgConstraint.Kind.PRIMARY_KEY) {
                        primaryKey = true;
                        notNull = true;
                    }
                    columnConstraints.add(constraintName == null ? c : c.named(constraintName));
                }
            )
            { constraintName = null; }
        )*
        {
            columns.add(new SqlPgColumn(s.end(this), name, type, notNull, primaryKey,
                defaultValue, columnConstraints, identity, nullPos));
        }
    )
}

/**
 * {@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY} (sequence options in parentheses are refused
 * before parsing).
 */
SqlPgColumn.Identity PgIdentity() :
{
    final Span s;
    final boolean always;
}
{
    <GENERATED> { s = span(); }
    (
        <ALWAYS> { always = true; }
    |   <BY> <DEFAULT_> { always = false; }
    )
    <AS> <IDENTITY> {
        return new SqlPgColumn.Identity(always, s.end(this), null);
    }
}

/** A column constraint other than NOT NULL, NULL and DEFAULT. */
SqlPgConstraint PgColumnConstraint() :
{
    final Span s;
    final SqlIdentifier table;
    SqlNodeList refColumns = null;
    String[] actions;
    final SqlPgConstraint check;
}
{
    <PRIMARY> { s = span(); } <KEY> {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.PRIMARY_KEY, null,
            null, null, null, null, null, null);
    }
|   <UNIQUE> {
        return new SqlPgConstraint(getPos(), null, SqlPgConstraint.Kind.UNIQUE, null,
            null, null, null, null, null, null);
    }
|   check = PgCheck(null) { return check; }
|   <REFERENCES> { s = span(); } table = CompoundIdentifier()
    [ refColumns = ParenthesizedSimpleIdentifierList() ]
    actions = PgReferenceOptions() {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.FOREIGN_KEY, null,
            null, table, refColumns, actions[0], actions[1], actions[2]);
    }
}

/** {@code CHECK (expr)}; the constraint's position runs from its parentheses' first to last. */
SqlPgConstraint PgCheck(SqlNodeList columns) :
{
    final Span s;
    final SqlNode e;
}
{
    <CHECK> <LPAREN> { s = span(); } e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.CHECK, columns,
            e, null, null, null, null, null);
    }
}

/** A table constraint after its optional {@code CONSTRAINT name}. */
SqlPgConstraint PgTableConstraint() :
{
    final Span s;
    final SqlNodeList columns;
    final SqlIdentifier table;
    SqlNodeList refColumns = null;
    String[] actions;
    final SqlPgConstraint check;
}
{
    <PRIMARY> { s = span(); } <KEY> columns = ParenthesizedSimpleIdentifierList() {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.PRIMARY_KEY, columns,
            null, null, null, null, null, null);
    }
|   <UNIQUE> { s = span(); } columns = ParenthesizedSimpleIdentifierList() {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.UNIQUE, columns,
            null, null, null, null, null, null);
    }
|   check = PgCheck(SqlNodeList.EMPTY) { return check; }
|   <FOREIGN> { s = span(); } <KEY> columns = ParenthesizedSimpleIdentifierList()
    <REFERENCES> table = CompoundIdentifier()
    [ refColumns = ParenthesizedSimpleIdentifierList() ]
    actions = PgReferenceOptions() {
        return new SqlPgConstraint(s.end(this), null, SqlPgConstraint.Kind.FOREIGN_KEY, columns,
            null, table, refColumns, actions[0], actions[1], actions[2]);
    }
}

/** {@code [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE action] [ON UPDATE action]}: delete, update, match. */
String[] PgReferenceOptions() :
{
    String[] opts = new String[3];
    String action;
}
{
    [
        <MATCH>
        (
            <FULL> { opts[2] = "FULL"; }
        |   <PARTIAL> { opts[2] = "PARTIAL"; }
        |   <SIMPLE> { opts[2] = "SIMPLE"; }
        )
    ]
    [
        LOOKAHEAD(2)
        <ON> <DELETE> action = PgReferentialAction() { opts[0] = action; }
        [ <ON> <UPDATE> action = PgReferentialAction() { opts[1] = action; } ]
    |
        <ON> <UPDATE> action = PgReferentialAction() { opts[1] = action; }
        [ <ON> <DELETE> action = PgReferentialAction() { opts[0] = action; } ]
    ]
    { return opts; }
}

String PgReferentialAction() :
{
}
{
    <NO> <ACTION> { return "NO ACTION"; }
|   <RESTRICT> { return "RESTRICT"; }
|   <CASCADE> { return "CASCADE"; }
|   LOOKAHEAD(2) <SET> <NULL> { return "SET NULL"; }
|   <SET> <DEFAULT_> { return "SET DEFAULT"; }
}

/**
 * {@code CREATE INDEX [IF NOT EXISTS] [name] ON t USING method (col [opclass])
 * [WITH (param = value, ...)]}.
 */
SqlCreate PgCreateIndex(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    SqlIdentifier name = null;
    final SqlIdentifier table;
    SqlIdentifier method = null;
    final SqlIdentifier column;
    SqlIdentifier opclass = null;
    final List<SqlNode> params = new ArrayList<SqlNode>();
    SqlIdentifier key;
    SqlNode value;
}
{
    <INDEX>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    [ name = SimpleIdentifier() ]
    <ON> table = CompoundIdentifier()
    [ <USING> method = SimpleIdentifier() ]
    <LPAREN> column = SimpleIdentifier() [ opclass = CompoundIdentifier() ] <RPAREN>
    [
        <WITH> <LPAREN>
        key = SimpleIdentifier() <EQ> value = Literal() { params.add(key); params.add(value); }
        (
            <COMMA> key = SimpleIdentifier() <EQ> value = Literal() {
                params.add(key); params.add(value);
            }
        )*
        <RPAREN>
    ]
    {
        return new SqlPgCreateIndex(s.end(this), ifNotExists, name, table, method, column,
            opclass, new SqlNodeList(params, s.pos()));
    }
}

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] t action [, ...]}: ADD [COLUMN] [IF NOT EXISTS] column,
 * ADD table constraint, DROP [COLUMN] [IF EXISTS] column [RESTRICT | CASCADE].
 */
SqlNode PgAlterTable() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier id;
    final List<SqlPgAlterTable.Action> actions = new ArrayList<SqlPgAlterTable.Action>();
}
{
    <ALTER> { s = span(); } <TABLE> ifExists = PgIfExists() [ <ONLY> ] id = CompoundIdentifier()
    PgAlterAction(actions) ( <COMMA> PgAlterAction(actions) )*
    {
        return new SqlPgAlterTable(s.end(this), ifExists, id, actions);
    }
}

void PgAlterAction(List<SqlPgAlterTable.Action> actions) :
{
    final boolean ifNotExists;
    final boolean ifExists;
    final SqlIdentifier name;
    boolean cascade = false;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    final SqlNode defaultValue;
    final SqlDataTypeSpec newType;
}
{
    <ADD> [ <COLUMN> ] ifNotExists = PgIfNotExists() PgTableElement(columns, constraints) {
        if (columns.isEmpty()) {
            actions.add(new SqlPgAlterTable.AddConstraint((SqlPgConstraint) constraints.get(0)));
        } else {
            actions.add(new SqlPgAlterTable.AddColumn((SqlPgColumn) columns.get(0), ifNotExists));
        }
    }
|   <DROP> [ <COLUMN> ] ifExists = PgIfExists() name = SimpleIdentifier()
    [ <CASCADE> { cascade = true; } | <RESTRICT> ] {
        actions.add(new SqlPgAlterTable.DropColumn(name, ifExists, cascade));
    }
|   <ALTER> [ <COLUMN> ] name = SimpleIdentifier()
    (
        LOOKAHEAD(2) <SET> <NOT> <NULL> {
            actions.add(new SqlPgAlterTable.AlterColumn(name, SqlPgAlterTable.Change.SET_NOT_NULL, null));
        }
    |   LOOKAHEAD(2) <DROP> <NOT> <NULL> {
            actions.add(new SqlPgAlterTable.AlterColumn(name, SqlPgAlterTable.Change.DROP_NOT_NULL, null));
        }
    |   LOOKAHEAD(2) <SET> <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            actions.add(new SqlPgAlterTable.AlterColumn(name, SqlPgAlterTable.Change.SET_DEFAULT, defaultValue));
        }
    |   <DROP> <DEFAULT_> {
            actions.add(new SqlPgAlterTable.AlterColumn(name, SqlPgAlterTable.Change.DROP_DEFAULT, null));
        }
    |   ( <SET> <DATA> <TYPE> | <TYPE> ) newType = DataType() {
            actions.add(new SqlPgAlterTable.AlterColumn(name, SqlPgAlterTable.Change.TYPE, newType));
        }
    )
}

/** {@code DROP TABLE [IF EXISTS] t [, ...]}. */
SqlDrop PgDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final List<SqlNode> names = new ArrayList<SqlNode>();
    SqlIdentifier id;
}
{
    <TABLE> ifExists = PgIfExists()
    id = CompoundIdentifier() { names.add(id); }
    ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    [ <CASCADE> | <RESTRICT> ]
    {
        return new SqlPgDrop(s.end(this), SqlPgDrop.TABLE, ifExists,
            new SqlNodeList(names, s.pos()));
    }
}

/** {@code DROP INDEX [IF EXISTS] name [, ...]}. */
SqlDrop PgDropIndex(Span s, boolean replace) :
{
    final boolean ifExists;
    final List<SqlNode> names = new ArrayList<SqlNode>();
    SqlIdentifier id;
}
{
    <INDEX> ifExists = PgIfExists()
    id = CompoundIdentifier() { names.add(id); }
    ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    [ <CASCADE> | <RESTRICT> ]
    {
        return new SqlPgDrop(s.end(this), SqlPgDrop.INDEX, ifExists,
            new SqlNodeList(names, s.pos()));
    }
}
