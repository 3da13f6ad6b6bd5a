package io.s3vector.tests;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The pgjdbc cases on a server whose tables live in an S3 bucket (S3Proxy, in-process). */
class JdbcOnS3Test extends JdbcCases {
  @RegisterExtension static final TestServer server = TestServer.onS3();

  @Override
  TestServer server() {
    return server;
  }
}
