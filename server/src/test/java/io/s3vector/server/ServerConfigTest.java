package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.server.auth.AuthMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void defaults() {
    ServerConfig c = ServerConfig.defaults();
    assertEquals("127.0.0.1", c.host());
    assertEquals(5433, c.port());
    assertEquals(Path.of("./data"), c.dataDir());
    assertEquals(AuthMethod.TRUST, c.auth());
    assertEquals("postgres", c.user());
    assertTrue(c.unsupportedOptions().isEmpty());
  }

  @Test
  void flagsWinOverEnvironment() {
    ServerConfig c =
        ServerConfig.parse(
            new String[] {"--port", "6000", "--data-dir=/tmp/x", "--auth", "md5"},
            Map.of("S3VECTOR_PORT", "7000", "S3VECTOR_PASSWORD", "pw", "S3VECTOR_HOST", "0.0.0.0"));
    assertEquals(6000, c.port());
    assertEquals("0.0.0.0", c.host());
    assertEquals(Path.of("/tmp/x"), c.dataDir());
    assertEquals(AuthMethod.MD5, c.auth());
    assertEquals("pw", c.password());
  }

  @Test
  void passwordMethodsNeedAPassword() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--auth", "password"}, Map.of()));
    assertTrue(e.getMessage().contains("needs a password"), e.getMessage());
  }

  @Test
  void badValuesAreExplained() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--port", "http"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--port", "70000"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> ServerConfig.parse(new String[] {"--bogus"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> ServerConfig.parse(new String[] {"--port"}, Map.of()));
  }

  @Test
  void s3AndRedisAreParsedButReportedUnsupported() {
    ServerConfig c =
        ServerConfig.parse(
            new String[] {"--s3-bucket", "b"}, Map.of("S3VECTOR_REDIS_URL", "redis://x"));
    assertEquals(List.of("--s3-bucket", "--redis-url"), c.unsupportedOptions());
  }

  @Test
  void helpAndPasswordNotLogged() {
    assertTrue(ServerConfig.helpRequested(new String[] {"--help"}));
    assertTrue(ServerConfig.usage().contains("S3VECTOR_DATA_DIR"));
    ServerConfig c = ServerConfig.defaults().withAuth(AuthMethod.PASSWORD, "u", "hunter2");
    assertTrue(!c.toString().contains("hunter2"));
  }
}
