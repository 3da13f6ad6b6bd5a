package io.s3vector.sql.types;

/**
 * {@code jsonpath} (OID 4072), kept as its normalised text (the binder's input function parses
 * and prints it); binary form is a version byte (1) and the text, as jsonpath_send.
 */
public final class JsonPathType extends VersionedTextType {
  public static final JsonPathType INSTANCE = new JsonPathType();

  private JsonPathType() {
    super(TypeDescription.base(4072, "jsonpath", -1).array(4073)
        .io("jsonpath_in", "jsonpath_out", "jsonpath_recv", "jsonpath_send"), "unsupported jsonpath version number");
  }

  @Override
  public Object decodeText(String text) {
    return text;
  }
}
