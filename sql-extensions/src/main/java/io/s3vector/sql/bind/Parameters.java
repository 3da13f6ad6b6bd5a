package io.s3vector.sql.bind;

import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The types of $1..$n: given by the client in Parse, else taken from the first context that needs
 * one ({@code embedding <-> $1} makes $1 a vector, {@code id = $1} a bigint); still unknown at
 * the end, they are text (PostgreSQL would refuse with 42P18).
 */
public final class Parameters {
  private final List<RelDataType> types = new ArrayList<>();
  /** For the i-th {@code ?} of the text being bound, its $n. */
  private int[] numbers = new int[0];
  /**
   * The types the client gave in Parse. They are final: ParameterDescription must echo them
   * (pgjdbc refuses a statement whose parameter type changed, e.g. varchar to text) and the Bind
   * values arrive in their binary form (an int8 compared with an oid column is still 8 bytes).
   */
  private final PgType[] declared;

  public Parameters(int[] oids) {
    declared = new PgType[oids.length];
    for (int i = 0; i < oids.length; i++) {
      PgType t = oids[i] == 0 ? null : PgTypes.byOid(oids[i]);
      set(i + 1, t == null || t == PgTypes.UNKNOWN ? null : PgRelTypes.of(t, -1));
      declared[i] = t == PgTypes.UNKNOWN ? null : t;
    }
  }

  /** Sets which $n each {@code ?} of the text now being bound stands for. */
  public void numbers(int[] paramNumbers) {
    this.numbers = paramNumbers;
    for (int n : paramNumbers) {
      if (types.size() < n) {
        set(n, null);
      }
    }
  }

  /** The $n of Calcite's i-th dynamic parameter. */
  public int pgNumber(int index) {
    return numbers[index];
  }

  /** The type of $n, or {@link PgRelTypes#UNKNOWN} when not yet known. */
  public RelDataType type(int n) {
    RelDataType t = n <= types.size() ? types.get(n - 1) : null;
    return t == null ? PgRelTypes.UNKNOWN : t;
  }

  /** Gives $n a type from its context, unless the client declared one. */
  public void set(int n, RelDataType type) {
    while (types.size() < n) {
      types.add(null);
    }
    if (declared != null && n <= declared.length && declared[n - 1] != null
        && types.get(n - 1) != null) {
      return;
    }
    types.set(n - 1, type);
  }

  /** The PostgreSQL types of $1..$n for ParameterDescription. */
  public List<PgType> pgTypes() {
    List<PgType> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      if (i < declared.length && declared[i] != null) {
        out.add(declared[i]);
        continue;
      }
      RelDataType t = types.get(i);
      PgType pg = t == null ? null : PgRelTypes.pg(t);
      out.add(pg == null || pg == PgTypes.UNKNOWN ? PgTypes.TEXT : pg);
    }
    return out;
  }
}
