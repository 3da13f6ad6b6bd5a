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

/** pgvector's {@code vector} and {@code vector(n)}. */
SqlTypeNameSpec VectorTypeName() :
{
    final Span s;
    int dim = -1;
}
{
    <VECTOR> { s = span(); }
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
 * {@code CREATE TABLE [IF NOT EXISTS] t (col type [constraint ...], ..., [PRIMARY KEY (cols)])}.
 */
SqlCreate PgCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlNodeList primaryKey = null;
    SqlNodeList pk;
}
{
    <TABLE> ifNotExists = PgIfNotExists() id = CompoundIdentifier()
    <LPAREN>
    pk = PgTableElement(columns) { if (pk != null) { primaryKey = pk; } }
    (
        <COMMA> pk = PgTableElement(columns) { if (pk != null) { primaryKey = pk; } }
    )*
    <RPAREN>
    {
        return new SqlPgCreateTable(s.end(this), ifNotExists, id,
            new SqlNodeList(columns, s.pos()), primaryKey);
    }
}

/** One column definition (added to {@code columns}) or a table PRIMARY KEY (returned). */
SqlNodeList PgTableElement(List<SqlNode> columns) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean notNull = false;
    boolean primaryKey = false;
    SqlNode defaultValue = null;
    final SqlNodeList keyColumns;
    final Span s;
}
{
    (
        [ <CONSTRAINT> SimpleIdentifier() ]
        (
            <PRIMARY> <KEY> keyColumns = ParenthesizedSimpleIdentifierList() {
                return keyColumns;
            }
        |
            <UNIQUE> ParenthesizedSimpleIdentifierList() {
                return null;
            }
        )
    |
        name = SimpleIdentifier() { s = span(); }
        type = DataType()
        (
            <NOT> <NULL> { notNull = true; }
        |   <NULL> { notNull = false; }
        |   <PRIMARY> <KEY> { primaryKey = true; notNull = true; }
        |   <UNIQUE>
        |   <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_NON_QUERY)
        )*
        {
            columns.add(new SqlPgColumn(s.end(this), name, type, notNull, primaryKey,
                defaultValue));
            return null;
        }
    )
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
    <LPAREN> column = SimpleIdentifier() [ opclass = SimpleIdentifier() ] <RPAREN>
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
