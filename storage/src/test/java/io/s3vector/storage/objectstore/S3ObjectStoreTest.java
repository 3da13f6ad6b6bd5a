package io.s3vector.storage.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.StorageException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** S3ObjectStore against a real S3 API server (S3Proxy, in-process). */
class S3ObjectStoreTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();
  @RegisterExtension static final S3ProxyServer conditional = S3ProxyServer.withConditionalWrites();

  private S3ObjectStore store;

  @BeforeEach
  void open() {
    store = s3.newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void putThenGetAndMissingKeysAreEmpty() {
    store.put("a/b/c.json", bytes("hello"));
    assertArrayEquals(bytes("hello"), store.get("a/b/c.json").orElseThrow());
    assertEquals(Optional.empty(), store.get("a/b/missing"));
    store.put("a/b/c.json", bytes("again"));
    assertArrayEquals(bytes("again"), store.get("a/b/c.json").orElseThrow());
    store.put("empty", new byte[0]);
    assertArrayEquals(new byte[0], store.get("empty").orElseThrow());
  }

  @Test
  void rangesInsideAcrossAndPastTheEnd() {
    byte[] data = new byte[1000];
    new Random(1).nextBytes(data);
    store.put("blob", data);
    assertArrayEquals(Arrays.copyOfRange(data, 100, 150), store.getRange("blob", 100, 50));
    assertArrayEquals(Arrays.copyOfRange(data, 0, 1), store.getRange("blob", 0, 1));
    assertArrayEquals(Arrays.copyOfRange(data, 990, 1000), store.getRange("blob", 990, 100), "fewer at the end");
    assertArrayEquals(new byte[0], store.getRange("blob", 1000, 10), "nothing at the end");
    assertArrayEquals(new byte[0], store.getRange("blob", 5000, 10), "nothing past the end");
    assertArrayEquals(new byte[0], store.getRange("blob", 10, 0));
    assertArrayEquals(data, store.getRange("blob", 0, 1000));
  }

  @Test
  void asyncReadsGiveTheSameAnswers() {
    byte[] data = bytes("0123456789");
    store.put("k", data);
    assertArrayEquals(data, store.getAsync("k").join().orElseThrow());
    assertEquals(Optional.empty(), store.getAsync("nope").join());
    assertArrayEquals(bytes("345"), store.getRangeAsync("k", 3, 3).join());
    CompletionException e = assertThrows(CompletionException.class, () -> store.getRangeAsync("nope", 0, 3).join());
    assertInstanceOf(StorageException.class, e.getCause());
  }

  @Test
  void aWarmUpSendsItsRoundsOfRangedReadsAndStopsQuietlyAtAMissingObject() {
    AtomicInteger requests = new AtomicInteger();
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
      }
    };
    S3Settings settings = s3.settings(s3.freshPrefix()).build();
    try (S3ObjectStore counted = new S3ObjectStore(settings, S3Clients.create(settings, List.of(counter)))) {
      counted.put("codes", new byte[300_000]);
      requests.set(0);
      counted.warmUp("codes", Duration.ofMinutes(1));
      assertEquals(S3ObjectStore.WARM_UP_ROUNDS * S3ObjectStore.WARM_UP_PARALLEL, requests.get());

      requests.set(0);
      counted.warmUp("missing", Duration.ofMinutes(1));
      assertEquals(S3ObjectStore.WARM_UP_PARALLEL, requests.get(), "one round, then it stops");

      requests.set(0);
      counted.warmUp("codes", Duration.ZERO);
      assertEquals(0, requests.get(), "no time, no reads");
    }
  }

  @Test
  void aMissingObjectInARangeReadIsAnErrorNamingTheKey() {
    StorageException e = assertThrows(StorageException.class, () -> store.getRange("seg/col/0.0", 0, 10));
    assertTrue(e.getMessage().contains("\"seg/col/0.0\""), e.getMessage());
  }

  @Test
  void listPagesBeyondAThousandKeysInOrderAndHonoursPrefixes() throws Exception {
    int n = 1_050;
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = String.format("many/%05d", i);
        puts.add(pool.submit(() -> store.put(key, bytes(key))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    }
    store.put("other/x", bytes("x"));
    store.put("manyfold", bytes("y"));
    List<String> expected = IntStream.range(0, n).mapToObj(i -> String.format("many/%05d", i)).toList();
    assertEquals(expected, store.list("many/"));
    assertEquals(expected.subList(100, 200), store.list("many/001"));
    List<String> all = store.list("");
    assertEquals(n + 2, all.size());
    assertEquals("manyfold", all.get(n));
    assertEquals(List.of("other/x"), store.list("other"));
    assertEquals(List.of(), store.list("none/"));
  }

  @Test
  void deleteRemovesAndMissingIsNoError() {
    store.put("d/1", bytes("1"));
    store.delete("d/1");
    assertEquals(Optional.empty(), store.get("d/1"));
    assertEquals(List.of(), store.list("d/"));
    store.delete("d/1");
    store.delete("never/was");
  }

  @Test
  void manyObjectsAreDeletedAtOnce() {
    for (int i = 0; i < 40; i++) {
      store.put("many/" + i, bytes("x"));
    }
    store.put("kept/1", bytes("k"));
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      keys.add("many/" + i);
    }
    keys.add("never/was");
    store.deleteAll(keys);
    assertEquals(List.of(), store.list("many/"));
    assertEquals(List.of("kept/1"), store.list("kept/"));
  }

  @Test
  void prefixesIsolateStoresOnOneBucket() {
    try (S3ObjectStore a = s3.newStore("shared/a");
        S3ObjectStore ab = s3.newStore("/shared/ab/");
        S3ObjectStore root = s3.newStore("")) {
      a.put("k", bytes("a"));
      ab.put("k", bytes("ab"));
      assertArrayEquals(bytes("a"), a.get("k").orElseThrow());
      assertArrayEquals(bytes("ab"), ab.get("k").orElseThrow());
      assertEquals(List.of("k"), a.list(""), "shared/ab/ is not under shared/a/");
      assertEquals(List.of("k"), ab.list(""));
      assertTrue(root.list("shared/").containsAll(List.of("shared/a/k", "shared/ab/k")));
      a.delete("k");
      assertArrayEquals(bytes("ab"), ab.get("k").orElseThrow());
    }
  }

  @Test
  void largeObjectsGoUpInPartsAndReadBackWhole() {
    int part = 5 << 20; // S3's smallest part
    S3Settings settings = s3.settings(s3.freshPrefix()).multipart(part, part).build();
    byte[] data = new byte[2 * part + 12_345];
    new Random(2).nextBytes(data);
    try (S3ObjectStore small = new S3ObjectStore(settings)) {
      small.put("big", data);
      assertArrayEquals(data, small.get("big").orElseThrow());
      assertArrayEquals(Arrays.copyOfRange(data, part - 10, part + 10), small.getRange("big", part - 10, 20));
      assertEquals(List.of("big"), small.list(""));
    }
  }

  @Test
  void plainS3ProxyOverwritesOnIfNoneMatchAndTheProbeSaysSo() {
    assertFalse(ConditionalWriteProbe.honoursConditionalWrites(store));
    assertTrue(store.putIfAbsent("m", bytes("first")));
    assertTrue(store.putIfAbsent("m", bytes("second")), "S3Proxy 2.7.0 ignores If-None-Match: *");
    assertArrayEquals(bytes("second"), store.get("m").orElseThrow());
    assertEquals(List.of(), store.list(ConditionalWriteProbe.PREFIX), "the probe cleans up");
  }

  @Test
  void putIfAbsentRefusesAnExistingKeyWhereTheServerHonoursIt() {
    try (S3ObjectStore c = conditional.newStore()) {
      assertTrue(ConditionalWriteProbe.honoursConditionalWrites(c));
      assertTrue(c.putIfAbsent("_manifest/v1", bytes("one")));
      assertFalse(c.putIfAbsent("_manifest/v1", bytes("two")));
      assertArrayEquals(bytes("one"), c.get("_manifest/v1").orElseThrow());
      // the same bytes again: our own earlier attempt, which a retry must not call a conflict
      assertTrue(c.putIfAbsent("_manifest/v1", bytes("one")));
      assertEquals(List.of(), c.list(ConditionalWriteProbe.PREFIX));
    }
  }

  @Test
  void exactlyOneOfTwoRacingPutIfAbsentWins() throws Exception {
    try (S3ObjectStore c = conditional.newStore(); ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < 20; round++) {
        String key = "_manifest/v" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> racers = new ArrayList<>();
        for (String who : List.of("left", "right")) {
          racers.add(pool.submit(() -> {
            go.await();
            return c.putIfAbsent(key, bytes(who));
          }));
        }
        go.countDown();
        boolean left = racers.get(0).get();
        boolean right = racers.get(1).get();
        assertTrue(left ^ right, "round " + round + ": exactly one wins");
        assertArrayEquals(bytes(left ? "left" : "right"), c.get(key).orElseThrow());
      }
    }
  }

  @Test
  void aMissingBucketIsAnErrorNotAMissingObject() {
    S3Settings settings = S3Settings.builder("no-such-bucket").endpoint(s3.endpoint()).pathStyle(true).build();
    try (S3ObjectStore missing = new S3ObjectStore(settings)) {
      StorageException e = assertThrows(StorageException.class, () -> missing.get("_manifest/v1"));
      assertTrue(e.getMessage().contains("\"_manifest/v1\""), e.getMessage());
      assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
    }
  }

  @Test
  void connectionErrorsAreRetriedThenReportedWithTheKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    S3Settings settings = S3Settings.builder(S3ProxyServer.BUCKET)
        .endpoint(URI.create("http://127.0.0.1:" + closedPort)).pathStyle(true)
        .maxAttempts(3).attemptTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(20)).build();
    try (S3ObjectStore down = new S3ObjectStore(settings)) {
      StorageException e = assertThrows(StorageException.class, () -> down.put("t/seg/x", bytes("x")));
      assertTrue(e.getMessage().startsWith("could not write object \"t/seg/x\""), e.getMessage());
      StorageException r = assertThrows(StorageException.class, () -> down.getRange("t/seg/y", 0, 4));
      assertTrue(r.getMessage().contains("\"t/seg/y\""), r.getMessage());
    }
  }
}
