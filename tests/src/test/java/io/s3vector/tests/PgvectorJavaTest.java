package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import io.s3vector.sql.types.VectorType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pgvector-java client (com.pgvector.PGvector) as its README uses it. */
class PgvectorJavaTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  /** The vector type's OID: ours is fixed; a reference PostgreSQL is asked. */
  private static int vectorOid() throws SQLException {
    if (TestServer.inProcess()) {
      return VectorType.OID;
    }
    try (Connection c = server.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT 'vector'::regtype::oid")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void textTransfer() throws SQLException {
    roundTrip(new Properties(), "pgv_text");
  }

  @Test
  void binaryTransfer() throws SQLException {
    // pgjdbc sends PGvector parameters in binary (PGBinaryObject) and asks for binary results
    // for the OIDs in binaryTransferEnable once a statement is server-prepared
    Properties p =
        TestServer.props(
            "binaryTransferEnable", Integer.toString(vectorOid()), "prepareThreshold", "-1");
    roundTrip(p, "pgv_binary");
  }

  private static void roundTrip(Properties props, String table) throws SQLException {
    boolean binary = props.containsKey("binaryTransferEnable");
    Random random = new Random(42);
    float[][] vectors = new float[50][];
    try (Connection c = server.connect(props)) {
      PGvector.addVectorType(c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS vector");
        s.execute("DROP TABLE IF EXISTS " + table);
        s.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY, embedding vector(5))");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO " + table + " (embedding) VALUES (?)")) {
        for (int i = 0; i < vectors.length; i++) {
          float[] v = new float[5];
          for (int d = 0; d < v.length; d++) {
            v[d] = i == 0 ? d * 0.1f : (float) random.nextGaussian();
          }
          vectors[i] = v;
          ps.setObject(1, new PGvector(v));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      // several executions, so the statement is server-prepared when the threshold says so
      for (int round = 0; round < 3; round++) {
        List<float[]> got = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement("SELECT id, embedding FROM " + table + " ORDER BY id")) {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              PGvector v = assertInstanceOf(PGvector.class, rs.getObject("embedding"));
              got.add(v.toArray());
            }
          }
        }
        assertEquals(vectors.length, got.size());
        for (int i = 0; i < vectors.length; i++) {
          assertArrayEquals(vectors[i], got.get(i), "row " + (i + 1) + " bit for bit");
        }
      }
      // nearest neighbours with a PGvector parameter
      float[] query = vectors[7].clone();
      query[0] += 0.001f;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, embedding <-> ? AS dist FROM " + table + " ORDER BY embedding <-> ? LIMIT 3")) {
        for (int round = 0; round < 3; round++) {
          ps.setObject(1, new PGvector(query));
          ps.setObject(2, new PGvector(query));
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(8L, rs.getLong("id"));
            assertEquals(0.001, rs.getDouble("dist"), 1e-5);
            assertTrue(rs.next());
            assertTrue(rs.next());
            assertFalse(rs.next());
          }
        }
      }
      // the text form pgvector prints, through getString (in binary, pgjdbc formats it itself)
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT embedding FROM " + table + " WHERE id = 1")) {
        assertTrue(rs.next());
        if (!binary) {
          assertEquals("[0,0.1,0.2,0.3,0.4]", rs.getString(1));
        }
        assertArrayEquals(vectors[0], ((PGvector) rs.getObject(1)).toArray());
      }
      // a PGvector read back from the server used as a parameter again
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM " + table + " WHERE embedding <-> ? = 0")) {
        ps.setObject(1, new PGvector(vectors[3]));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
    }
  }
}
