package io.s3vector.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoldenTmpTest extends SqlTestBase {
  @Test
  void run() throws Exception {
    for (String f : new String[] {"errors", "tables", "vector_search", "vector_type"}) {
      String text = Files.readString(Path.of("/work/main/tests/src/test/resources/golden/" + f + ".sql"));
      StringBuilder out = new StringBuilder();
      for (String st : session.splitStatements(text)) {
        out.append("> ").append(st.replace('\n', ' ')).append('\n');
        try {
          QueryResult r = run(st);
          if (r instanceof QueryResult.Rows rows) {
            out.append("  ").append(rows.columns().stream().map(c -> c.name() + ":" + c.type().name()).toList()).append('\n');
            Object[] row;
            while ((row = rows.cursor().next()) != null) {
              StringBuilder line = new StringBuilder("  ");
              for (int i = 0; i < row.length; i++) {
                line.append(i > 0 ? " | " : "").append(row[i] == null ? "" : rows.columns().get(i).type().encodeText(row[i]));
              }
              out.append(line).append('\n');
            }
          } else if (r instanceof QueryResult.Command c) {
            out.append("  ").append(c.tag()).append('\n');
          }
        } catch (PgException e) {
          out.append("  ERROR ").append(e.sqlState()).append(": ").append(e.getMessage())
              .append(e.position() > 0 ? " @" + e.position() : "")
              .append(e.detail() != null ? " DETAIL " + e.detail() : "")
              .append(e.hint() != null ? " HINT " + e.hint() : "").append('\n');
        }
      }
      Files.writeString(Path.of("/tmp/golden-" + f + ".txt"), out.toString());
    }
  }
}
