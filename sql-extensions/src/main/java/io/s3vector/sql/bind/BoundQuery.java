package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import java.util.List;
import org.apache.calcite.rel.RelNode;

/** A bound query: its logical plan and the columns its rows have. */
public record BoundQuery(RelNode rel, List<ResultColumn> columns) {}
