package io.s3vector.sql.functions;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A resolved call: the function, the types its arguments must be coerced to, and its result type.
 */
public record Resolved(PgFunction function, List<RelDataType> argTypes, RelDataType resultType) {}
