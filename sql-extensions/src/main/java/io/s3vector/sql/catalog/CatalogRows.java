package io.s3vector.sql.catalog;

import io.s3vector.storage.table.Database;
import java.util.List;

/** The rows of a catalog table, made when a query reads them: some show live state. */
@FunctionalInterface
public interface CatalogRows {
  List<Object[]> read(Database database);
}
