package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.server.auth.AuthMethod;
import io.s3vector.storage.table.StoreOptions;
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
  void cacheRedisAndRefreshFlagsBecomeStorageOptions() {
    ServerConfig c = ServerConfig.parse(
        new String[] {"--cache-size", "512MB", "--manifest-refresh=200ms", "--s3-max-concurrency", "8"},
        Map.of("S3VECTOR_REDIS_URL", "redis://127.0.0.1:6379"));
    StoreOptions options = c.storeOptions();
    assertEquals(512L << 20, options.cacheBytes());
    assertEquals(java.time.Duration.ofMillis(200), options.refreshInterval());
    assertEquals("redis://127.0.0.1:6379", options.redisUrl());
    assertEquals(8, options.maxConcurrency());
    assertEquals(0, ServerConfig.parse(new String[] {"--cache-size", "0"}, Map.of()).storeOptions().cacheBytes());
    assertEquals(3L << 30, ServerConfig.parse(new String[] {"--cache-size=3gb"}, Map.of()).storeOptions().cacheBytes());
    assertEquals(java.time.Duration.ofSeconds(2),
        ServerConfig.parse(new String[] {"--manifest-refresh", "2s"}, Map.of()).storeOptions().refreshInterval());
    StoreOptions defaults = ServerConfig.defaults().storeOptions();
    assertEquals(StoreOptions.defaultCacheBytes(), defaults.cacheBytes(), "a quarter of the heap");
    assertEquals(java.time.Duration.ofSeconds(1), defaults.refreshInterval());
    assertEquals(null, defaults.redisUrl());
    assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--cache-size", "lots"}, Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--manifest-refresh", "1 fortnight"}, Map.of()));
  }

  @Test
  void s3FlagsAndTheirDefaults() {
    ServerConfig local = ServerConfig.defaults();
    assertFalse(local.onS3());
    assertEquals("us-east-1", local.s3Region());
    assertEquals(64, local.s3MaxConcurrency());
    assertFalse(local.s3PathStyle());
    ServerConfig c =
        ServerConfig.parse(
            new String[] {"--s3-bucket", "b", "--s3-path-style", "--s3-prefix=db/1", "--s3-max-concurrency", "8"},
            Map.of("S3VECTOR_S3_ENDPOINT", "http://127.0.0.1:9000", "S3VECTOR_S3_REGION", "eu-west-1"));
    assertTrue(c.onS3());
    assertEquals("b", c.s3Bucket());
    assertEquals("db/1", c.s3Prefix());
    assertEquals("http://127.0.0.1:9000", c.s3Endpoint());
    assertEquals("eu-west-1", c.s3Region());
    assertTrue(c.s3PathStyle());
    assertEquals(8, c.s3MaxConcurrency());
    assertFalse(ServerConfig.parse(new String[] {"--s3-bucket", "b", "--s3-path-style=false"},
        Map.of("S3VECTOR_S3_PATH_STYLE", "true")).s3PathStyle());
    assertTrue(ServerConfig.parse(new String[] {"--s3-bucket", "b"},
        Map.of("S3VECTOR_S3_PATH_STYLE", "true")).s3PathStyle());
    assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--s3-path-style=maybe"}, Map.of()));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--s3-endpoint", "http://x"}, Map.of()));
    assertTrue(e.getMessage().contains("needs --s3-bucket"), e.getMessage());
  }

  @Test
  void helpAndPasswordNotLogged() {
    assertTrue(ServerConfig.helpRequested(new String[] {"--help"}));
    assertTrue(ServerConfig.usage().contains("S3VECTOR_DATA_DIR"));
    ServerConfig c = ServerConfig.defaults().withAuth(AuthMethod.PASSWORD, "u", "hunter2");
    assertTrue(!c.toString().contains("hunter2"));
  }
}
