package io.s3vector.sql.catalog;

import io.s3vector.sql.session.PgSession;
import java.util.List;

/**
 * The rows of a catalog table, made when a query reads them: some show live state (of the
 * session's database, or of the server's running commands).
 */
@FunctionalInterface
public interface CatalogRows {
  List<Object[]> read(PgSession session);
}
