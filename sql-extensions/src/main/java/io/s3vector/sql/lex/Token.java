package io.s3vector.sql.lex;

/**
 * One lexical token of PostgreSQL's SQL, located in the statement text.
 *
 * @param kind what it is
 * @param start offset of its first character
 * @param end offset after its last character
 * @param text the token as written (for WORD lower-cased, for IDENT/STRING the decoded value)
 */
public record Token(Kind kind, int start, int end, String text) {
  public enum Kind {
    /** An unquoted identifier or keyword (lower-cased). */
    WORD,
    /** A "quoted identifier" (its value). */
    IDENT,
    /** A string constant: '...', E'...' or $$...$$ (its value). */
    STRING,
    NUMBER,
    /** {@code $n}; text is n. */
    PARAM,
    /** Operators and punctuation, including ';'. */
    OP
  }

  public boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  public boolean isOp(String op) {
    return kind == Kind.OP && text.equals(op);
  }

  /** A word or a quoted identifier: a name. */
  public boolean isName() {
    return kind == Kind.WORD || kind == Kind.IDENT;
  }
}
