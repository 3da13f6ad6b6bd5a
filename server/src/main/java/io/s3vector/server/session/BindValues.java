package io.s3vector.server.session;

import io.s3vector.sql.session.PreparedStatements;

import io.s3vector.server.protocol.BackendMessages;
import io.s3vector.server.protocol.ClientMessage.Bind;
import io.s3vector.sql.PgException;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a Bind message means for its statement: the parameter values decoded with the statement's
 * parameter types, and one result format code per column. Errors are PostgreSQL's.
 */
final class BindValues {
  private BindValues() {}

  /** The parameters as Java values of their types, null for SQL NULL. */
  static Object[] parameters(Bind b, PreparedStatements.Named statement) {
    List<PgType> types = statement.parameterTypes();
    byte[][] values = b.parameterValues();
    if (values.length != types.size()) {
      throw new PgException(
          SqlState.PROTOCOL_VIOLATION,
          "bind message supplies " + values.length + " parameters, but "
              + PreparedStatements.Named.describe(statement.name()) + " requires " + types.size());
    }
    short[] formats =
        FormatCodes.resolve(
            b.parameterFormats(),
            values.length,
            () -> "bind message has " + b.parameterFormats().length + " parameter formats but "
                + values.length + " parameters");
    Object[] decoded = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        continue;
      }
      // a type the engine could not infer travels as text, like PostgreSQL's unknown
      PgType type = types.get(i) == null ? PgTypes.UNKNOWN : types.get(i);
      if (formats[i] == BackendMessages.BINARY) {
        if (!type.supportsBinary()) {
          throw new PgException(
              SqlState.UNDEFINED_FUNCTION,
              "no binary input function available for type " + type.name());
        }
        decoded[i] = type.decodeBinary(values[i]);
      } else {
        decoded[i] = type.decodeText(new String(values[i], StandardCharsets.UTF_8));
      }
    }
    return decoded;
  }

  /** One format code per result column, refusing binary for types without a binary form. */
  static short[] resultFormats(Bind b, PreparedStatements.Named statement) {
    List<ResultColumn> columns = statement.resultColumns();
    short[] formats =
        FormatCodes.resolve(
            b.resultFormats(),
            columns.size(),
            () -> "bind message has " + b.resultFormats().length + " result formats but query has "
                + columns.size() + " columns");
    for (int i = 0; i < columns.size(); i++) {
      PgType type = columns.get(i).type();
      if (formats[i] == BackendMessages.BINARY && !type.supportsBinary()) {
        throw new PgException(
            SqlState.UNDEFINED_FUNCTION,
            "no binary output function available for type " + type.name());
      }
    }
    return formats;
  }
}
