package io.s3vector.sql.types;

/**
 * What {@code pg_type} says of one type: everything a client reads there (asyncpg's
 * introspection, pgjdbc's TypeInfoCache, psycopg's TypeInfo, psql's {@code \dT}) and the name
 * {@code format_type} prints. Each {@link PgType} carries its own; types we only list in the
 * catalog (e.g. {@code bit}, {@code regclass}, {@code halfvec}) are read from {@code
 * catalog/pg_type.txt}, a dump of a real PostgreSQL 15 + pgvector.
 *
 * @param namespace {@code typnamespace}: pg_catalog (11), or public (2200) for pgvector's types
 * @param typtype 'b' base, 'p' pseudo, 'c' composite, 'd' domain, 'e' enum, 'r' range
 * @param category {@code typcategory}: 'N' numeric, 'S' string, 'A' array, 'U' user-defined, ...
 * @param elem {@code typelem}: the element type of an array (or of int2vector/oidvector/name), else 0
 * @param array {@code typarray}: the array type whose elements are this type, else 0
 * @param input {@code typinput} and the other I/O functions by name ("-" for none)
 * @param align {@code typalign}: 'c' char, 's' short, 'i' int, 'd' double
 * @param storage {@code typstorage}: 'p' plain, 'e' external, 'x' extended, 'm' main
 * @param collation {@code typcollation}: 100 (default) for collatable string types, else 0
 * @param displayName what {@code format_type(oid, NULL)} prints: "bigint", "character varying",
 *     "real[]", "\"char\""
 */
public record TypeDescription(
    int oid,
    String name,
    long namespace,
    short typlen,
    boolean byValue,
    char typtype,
    char category,
    boolean preferred,
    char delimiter,
    int elem,
    int array,
    String input,
    String output,
    String receive,
    String send,
    String modIn,
    String modOut,
    char align,
    char storage,
    int collation,
    String displayName) {
  public static final long PG_CATALOG = 11;
  public static final long PUBLIC = 2200;

  /** Whether it is an array type (read with array_in), as pgjdbc's {@code is_array} asks. */
  public boolean isArray() {
    return "array_in".equals(input);
  }

  /** Whether a typmod is meaningful (it has a typmod input function). */
  public boolean hasTypmod() {
    return !"-".equals(modIn);
  }

  /** A builtin base type in pg_catalog, to be refined with the builder's methods. */
  public static Builder base(int oid, String name, int typlen) {
    return new Builder(oid, name, typlen);
  }

  /**
   * One line of {@code catalog/pg_type.txt}: the columns of its header, separated by '|'.
   */
  public static TypeDescription parse(String line) {
    String[] f = line.split("\\|", -1);
    return new TypeDescription(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]),
        Short.parseShort(f[3]), f[4].equals("t"), f[5].charAt(0), f[6].charAt(0),
        f[7].equals("t"), f[8].charAt(0), Integer.parseInt(f[9]), Integer.parseInt(f[10]), f[11],
        f[12], f[13], f[14], f[15], f[16], f[17].charAt(0), f[18].charAt(0),
        Integer.parseInt(f[19]), f[20]);
  }

  /** Builds a description; unset properties take PostgreSQL's usual values for a base type. */
  public static final class Builder {
    private final int oid;
    private final String name;
    private final short typlen;
    private long namespace = PG_CATALOG;
    private boolean byValue;
    private char typtype = 'b';
    private char category = 'U';
    private boolean preferred;
    private int elem;
    private int array;
    private String input;
    private String output;
    private String receive;
    private String send;
    private String modIn = "-";
    private String modOut = "-";
    private char align = 'i';
    private char storage;
    private int collation;
    private String displayName;

    private Builder(int oid, String name, int typlen) {
      this.oid = oid;
      this.name = name;
      this.typlen = (short) typlen;
      this.input = name + "in";
      this.output = name + "out";
      this.receive = name + "recv";
      this.send = name + "send";
      this.storage = typlen == -1 ? 'x' : 'p';
      this.displayName = name;
    }

    public Builder namespace(long namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder byValue() {
      this.byValue = true;
      return this;
    }

    public Builder pseudo() {
      this.typtype = 'p';
      return this;
    }

    public Builder category(char category) {
      this.category = category;
      return this;
    }

    public Builder preferred() {
      this.preferred = true;
      return this;
    }

    public Builder elem(int elem) {
      this.elem = elem;
      return this;
    }

    public Builder array(int array) {
      this.array = array;
      return this;
    }

    /** The four I/O functions: input, output, binary receive, binary send. */
    public Builder io(String input, String output, String receive, String send) {
      this.input = input;
      this.output = output;
      this.receive = receive;
      this.send = send;
      return this;
    }

    public Builder typmod(String modIn, String modOut) {
      this.modIn = modIn;
      this.modOut = modOut;
      return this;
    }

    public Builder align(char align) {
      this.align = align;
      return this;
    }

    public Builder storage(char storage) {
      this.storage = storage;
      return this;
    }

    /** A collatable type (typcollation = the default collation, 100). */
    public Builder collatable() {
      return collation(100);
    }

    /** A collatable type with this default collation (name's is "C", 950). */
    public Builder collation(int collation) {
      this.collation = collation;
      return this;
    }

    public Builder display(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public TypeDescription build() {
      return new TypeDescription(oid, name, namespace, typlen, byValue, typtype, category,
          preferred, ',', elem, array, input, output, receive, send, modIn, modOut, align,
          storage, collation, displayName);
    }
  }
}
