package io.s3vector.tests;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The pgjdbc cases on a server over a local data folder. */
class JdbcTest extends JdbcCases {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @Override
  TestServer server() {
    return server;
  }
}
