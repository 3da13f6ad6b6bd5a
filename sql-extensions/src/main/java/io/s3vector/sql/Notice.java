package io.s3vector.sql;

/**
 * A NoticeResponse a statement raised while succeeding, e.g. {@code NOTICE: table "t" does not
 * exist, skipping} or {@code WARNING: there is no transaction in progress}.
 *
 * @param severity "NOTICE" or "WARNING"
 * @param sqlState the SQLSTATE field (00000 for plain notices)
 * @param message the message, in PostgreSQL's words
 * @param detail the DETAIL field, or null
 */
public record Notice(String severity, String sqlState, String message, String detail) {
  public static Notice notice(String sqlState, String message) {
    return new Notice("NOTICE", sqlState, message, null);
  }

  public static Notice notice(String sqlState, String message, String detail) {
    return new Notice("NOTICE", sqlState, message, detail);
  }

  public static Notice warning(String sqlState, String message) {
    return new Notice("WARNING", sqlState, message, null);
  }

  /**
   * PostgreSQL's notice of what a DROP ... CASCADE dropped besides what it named ("drop cascades
   * to constraint x on table y"; for several, their count and a DETAIL line each); null for none.
   */
  public static Notice dropCascades(java.util.List<String> objects) {
    if (objects.isEmpty()) {
      return null;
    }
    if (objects.size() == 1) {
      return notice("00000", "drop cascades to " + objects.get(0));
    }
    java.util.List<String> details = new java.util.ArrayList<>();
    objects.forEach(o -> details.add("drop cascades to " + o));
    return notice("00000", "drop cascades to " + objects.size() + " other objects",
        String.join("\n", details));
  }
}
