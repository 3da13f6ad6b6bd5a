package io.s3vector.tests;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The psql golden files on a server over a local data folder. */
class PsqlTest extends PsqlCases {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @Override
  TestServer server() {
    return server;
  }
}
