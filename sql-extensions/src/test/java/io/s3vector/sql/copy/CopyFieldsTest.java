package io.s3vector.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyFieldsTest {

  private static final CopyOptions CSV = CopyOptions.of(CopyOptions.Format.CSV, null, null, false,
      null, null);

  @Test
  void anUnquotedEmptyFieldIsNullAndAQuotedOneIsNot() {
    assertEquals(Arrays.asList("1", null, ""), CopyFields.csv("1,,\"\"", CSV));
  }

  @Test
  void forceNotNullKeepsTheNullStringAndForceNullTakesQuotedOnes() {
    boolean[] notNull = {false, true, false};
    boolean[] forceNull = {false, false, true};
    assertEquals(Arrays.asList("2", "", null), CopyFields.csv("2,,", CSV, notNull, null));
    assertEquals(Arrays.asList("2", "", null), CopyFields.csv("2,,\"\"", CSV, notNull, forceNull));
    assertEquals(Arrays.asList("2", "x", null), CopyFields.csv("2,x,", CSV, null, forceNull));
  }
}
