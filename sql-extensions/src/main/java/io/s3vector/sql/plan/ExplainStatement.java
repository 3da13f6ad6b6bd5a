package io.s3vector.sql.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.table.ReadView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN [ANALYZE] [(FORMAT TEXT | JSON)]: the optimised plan, in text one line per row of a
 * "QUERY PLAN" column, or as one JSON document in PostgreSQL's shape. With ANALYZE the query runs,
 * and the row count, the time and what its reads cost are added: values served by the in-process
 * cache, byte ranges served by Redis and by the object store, the store's requests, the number of
 * sequential request rounds and the time spent waiting for them (under the scan when the plan has
 * one scan, else after the plan).
 */
public final class ExplainStatement extends PlannedStatement {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** EXPLAIN's output formats we write. */
  public enum Format { TEXT, JSON }

  private final SelectStatement query;
  private final boolean analyze;
  private final Format format;
  private final List<ResultColumn> columns;

  public ExplainStatement(String sql, SelectStatement query, boolean analyze, Format format) {
    super(sql);
    this.query = query;
    this.analyze = analyze;
    this.format = format;
    this.columns = List.of(ResultColumn.of("QUERY PLAN", format == Format.JSON ? PgTypes.JSON : PgTypes.TEXT));
  }

  @Override
  public List<PgType> parameterTypes() {
    return query.parameterTypes();
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return columns;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    Analysis analysis = analyze ? run(session, parameters) : null;
    List<Object[]> lines = new ArrayList<>();
    if (format == Format.JSON) {
      lines.add(new Object[] {json(analysis)});
    } else {
      for (String line : text(analysis)) {
        lines.add(new Object[] {line});
      }
    }
    Iterator<Object[]> it = lines.iterator();
    RowCursor cursor = () -> it.hasNext() ? it.next() : null;
    return new QueryResult.Rows(columns, cursor, "EXPLAIN");
  }

  /** What running the query showed. */
  private record Analysis(long rows, double millis, ReadStats.Snapshot io) {}

  private Analysis run(PgSession session, Object[] parameters) {
    ReadView view = session.database().readView();
    long start = System.nanoTime();
    long rows = 0;
    QueryResult.Rows result = (QueryResult.Rows) query.execute(session, parameters, view);
    while (result.cursor().next() != null) {
      rows++;
    }
    return new Analysis(rows, (System.nanoTime() - start) / 1e6, view.stats().snapshot());
  }

  private List<String> text(Analysis analysis) {
    List<String> plan = new ArrayList<>();
    for (String line : query.explain().split("\n")) {
      if (!line.isBlank()) {
        plan.add(line);
      }
    }
    if (analysis == null) {
      return plan;
    }
    List<String> io = ioLines(analysis.io());
    int scan = onlyScan(plan);
    if (scan >= 0) {
      String indent = " ".repeat(plan.get(scan).length() - plan.get(scan).stripLeading().length() + 2);
      for (int i = io.size() - 1; i >= 0; i--) {
        plan.add(scan + 1, indent + io.get(i));
      }
    } else {
      plan.add("Storage I/O (all scans):");
      for (String line : io) {
        plan.add("  " + line);
      }
    }
    plan.add("Rows: " + analysis.rows());
    plan.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", analysis.millis()));
    return plan;
  }

  /** The position of the plan's only scan line, or -1 when it has none or several. */
  private static int onlyScan(List<String> plan) {
    int found = -1;
    for (int i = 0; i < plan.size(); i++) {
      String node = plan.get(i).stripLeading();
      int paren = node.indexOf('(');
      String name = paren < 0 ? node : node.substring(0, paren);
      if (name.endsWith("Scan")) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  private static List<String> ioLines(ReadStats.Snapshot io) {
    return List.of(
        String.format(Locale.ROOT, "Cache L1: hits=%d (%s)", io.l1Values(), bytes(io.l1Bytes())),
        String.format(Locale.ROOT, "Cache Redis: hits=%d (%s)", io.redisRanges(), bytes(io.redisBytes())),
        String.format(Locale.ROOT, "Object Store: reads=%d (%s) requests=%d rounds=%d wait=%.3f ms",
            io.storeRanges(), bytes(io.storeBytes()), io.storeRequests(), io.rounds(), io.waitNanos() / 1e6));
  }

  private static String bytes(long n) {
    return n < 10_240 ? n + " bytes" : n < 10L << 20 ? (n >> 10) + " kB" : (n >> 20) + " MB";
  }

  private String json(Analysis analysis) {
    ArrayNode root = JSON.createArrayNode();
    ObjectNode top = root.addObject();
    ObjectNode plan = PlanJson.of(query.plan(), top.objectNode());
    top.set("Plan", plan);
    if (analysis != null) {
      ReadStats.Snapshot io = analysis.io();
      ObjectNode storage = top.putObject("Storage I/O");
      storage.put("L1 Hits", io.l1Values());
      storage.put("L1 Bytes", io.l1Bytes());
      storage.put("Redis Hits", io.redisRanges());
      storage.put("Redis Bytes", io.redisBytes());
      storage.put("Object Store Reads", io.storeRanges());
      storage.put("Object Store Bytes", io.storeBytes());
      storage.put("Object Store Requests", io.storeRequests());
      storage.put("Object Store Rounds", io.rounds());
      storage.put("Object Store Wait Time", Math.round(io.waitNanos() / 1e3) / 1e3);
      top.put("Actual Rows", analysis.rows());
      top.put("Execution Time", Math.round(analysis.millis() * 1e3) / 1e3);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
