package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogs' {@code int2vector} ({@code pg_index.indkey}, {@code indoption}) and {@code
 * oidvector} ({@code indclass}, {@code proargtypes}): one-dimensional arrays whose subscripts start
 * at 0, printed as their elements separated by spaces ({@code 1 3}), sent in binary as an array
 * with lower bound 0. Values are {@code Object[]} of the element's Java values, as arrays' are.
 * Clients parse the text form themselves (SQLAlchemy splits {@code indkey} and {@code indoption}
 * on spaces), so the braces of {@code smallint[]} would break them.
 */
public final class CatalogVectorType extends PgType {
  private final PgType element;

  CatalogVectorType(int oid, String name, PgType element, int arrayOid) {
    super(TypeDescription.base(oid, name, -1).category('A').elem(element.oid()).array(arrayOid)
        .storage('p'));
    this.element = element;
  }

  public PgType element() {
    return element;
  }

  @Override
  public String encodeText(Object value) {
    Object[] v = (Object[]) value;
    StringBuilder out = new StringBuilder(v.length * 4);
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(element.encodeText(v[i]));
    }
    return out.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ArrayType.encodeBinary((Object[]) value, element, 0);
  }

  @Override
  public Object decodeText(String text) {
    List<Object> items = new ArrayList<>();
    for (String item : text.trim().split("\\s+")) {
      if (!item.isEmpty()) {
        items.add(element.decodeText(item));
      }
    }
    return items.toArray();
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    Object[] v = ArrayType.decodeBinary(bytes, element);
    for (Object o : v) {
      if (o == null) {
        throw new PgException(SqlState.NULL_VALUE_NOT_ALLOWED, "array must not contain nulls");
      }
    }
    return v;
  }
}
