package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.SequenceType;
import io.s3vector.storage.table.SequenceSpec;
import java.util.List;

/**
 * The options of CREATE SEQUENCE and ALTER SEQUENCE as written (null: not written), applied to a
 * sequence as PostgreSQL's {@code init_params} does: defaults that follow the increment's sign and
 * the type, then its checks, with its messages (22023).
 *
 * @param noMin {@code NO MINVALUE} (the default minimum again)
 * @param noMax {@code NO MAXVALUE}
 * @param restart {@code RESTART} was written; {@code restartWith} its value, or null for START
 * @param ownedBy {@code OWNED BY}: empty for NONE, else the column's name parts; null when not
 *     written
 */
public record SequenceOptions(String type, Long increment, Long min, boolean noMin, Long max,
    boolean noMax, Long start, boolean restart, Long restartWith, Long cache, Boolean cycle,
    List<String> ownedBy) {

  /**
   * The options written in {@code tokens}, as CREATE SEQUENCE ({@code alter} false) or ALTER
   * SEQUENCE (RESTART too) reads them; an identity column's options are read so.
   */
  public static SequenceOptions read(String sql, List<io.s3vector.sql.lex.Token> tokens,
      boolean alter) {
    return SequenceStatements.options(sql, tokens, alter);
  }

  /** The sequence CREATE SEQUENCE makes with these options (not yet owned: the caller's). */
  SequenceSpec create(String id) {
    return apply(new SequenceSpec(id, "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, 1, false,
        null, null), true);
  }

  /**
   * {@code before} with these options; {@code creating}: START also sets where it stands (as
   * CREATE does, where ALTER's START only changes what RESTART goes back to).
   */
  public SequenceSpec apply(SequenceSpec before, boolean creating) {
    String newType = type != null ? type : before.type();
    long inc = increment != null ? increment : before.increment();
    if (inc == 0) {
      throw invalid("INCREMENT must not be zero");
    }
    boolean typeChanged = !newType.equals(before.type());
    long newMax;
    if (max != null) {
      newMax = max;
    } else if (noMax || creating || typeChanged && before.max() == typeMax(before.type())) {
      newMax = inc > 0 ? typeMax(newType) : -1;
    } else {
      newMax = before.max();
    }
    long newMin;
    if (min != null) {
      newMin = min;
    } else if (noMin || creating || typeChanged && before.min() == typeMin(before.type())) {
      newMin = inc > 0 ? 1 : typeMin(newType);
    } else {
      newMin = before.min();
    }
    if (newMax < typeMin(newType) || newMax > typeMax(newType)) {
      throw invalid("MAXVALUE (" + newMax + ") is out of range for sequence data type " + newType);
    }
    if (newMin < typeMin(newType) || newMin > typeMax(newType)) {
      throw invalid("MINVALUE (" + newMin + ") is out of range for sequence data type " + newType);
    }
    if (newMin >= newMax) {
      throw invalid("MINVALUE (" + newMin + ") must be less than MAXVALUE (" + newMax + ")");
    }
    long newStart = start != null ? start : creating ? (inc > 0 ? newMin : newMax) : before.start();
    if (newStart < newMin) {
      throw invalid("START value (" + newStart + ") cannot be less than MINVALUE (" + newMin + ")");
    }
    if (newStart > newMax) {
      throw invalid("START value (" + newStart + ") cannot be greater than MAXVALUE (" + newMax + ")");
    }
    long last = before.last();
    boolean called = before.called();
    if (creating) {
      last = newStart;
      called = false;
    } else if (restart) {
      last = restartWith != null ? restartWith : newStart;
      called = false;
    }
    // PostgreSQL checks the value it stands at against new bounds under RESTART's name
    if (last < newMin) {
      throw invalid("RESTART value (" + last + ") cannot be less than MINVALUE (" + newMin + ")");
    }
    if (last > newMax) {
      throw invalid("RESTART value (" + last + ") cannot be greater than MAXVALUE (" + newMax + ")");
    }
    long newCache = cache != null ? cache : before.cache();
    if (newCache < 1) {
      throw invalid("CACHE (" + newCache + ") must be greater than zero");
    }
    boolean newCycle = cycle != null ? cycle : before.cycle();
    return new SequenceSpec(before.id(), newType, newStart, inc, newMin, newMax, newCache, newCycle,
        last, called, before.ownedTable(), before.ownedColumn());
  }

  /** The type name AS accepts, as PostgreSQL prints it; 22023 for others. */
  static String typeName(String written) {
    SequenceType type = SequenceType.written(written);
    if (type == null) {
      throw invalid("sequence type must be smallint, integer, or bigint");
    }
    return type.sqlName();
  }

  static long typeMax(String type) {
    return SequenceType.of(type).max();
  }

  static long typeMin(String type) {
    return SequenceType.of(type).min();
  }

  private static PgException invalid(String message) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
