package io.s3vector.sql.types;

/** {@code jsonb}, kept as its text: binary form is a version byte (1) and the text. */
public final class JsonbType extends VersionedTextType {
  public static final JsonbType INSTANCE = new JsonbType();

  private JsonbType() {
    super(TypeDescription.base(3802, "jsonb", -1).array(3807)
        .io("jsonb_in", "jsonb_out", "jsonb_recv", "jsonb_send"), "unsupported jsonb version number");
  }

  @Override
  public Object decodeText(String text) {
    // jsonb_in: validated and kept in jsonb's normal form (key order, spacing, numbers).
    return io.s3vector.sql.functions.JsonbText.normalise(text);
  }
}
