package io.s3vector.storage.objectstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP front for an S3 server that ignores {@code If-None-Match: *} on PUT (S3Proxy 2.7.0): it
 * forwards every request unchanged, except that conditional PUTs are serialised, and one whose key
 * exists is answered 412 PreconditionFailed as S3 does. Everything goes through this one process,
 * so checking and writing under one lock is atomic. Test-only; binds to 127.0.0.1.
 */
final class ConditionalWriteFront implements AutoCloseable {

  /** Headers the JDK client sets itself (and refuses to be given). */
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding",
          "keep-alive", "te", "trailer", "date");

  private static final String PRECONDITION_FAILED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PreconditionFailed</Code>"
          + "<Message>At least one of the pre-conditions you specified did not hold</Message>"
          + "<Condition>If-None-Match</Condition></Error>";

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Object conditionalWrites = new Object();

  private ConditionalWriteFront(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static ConditionalWriteFront start(URI target) throws IOException {
    return new ConditionalWriteFront(target);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String query = exchange.getRequestURI().getRawQuery();
      boolean conditionalPut =
          exchange.getRequestMethod().equals("PUT")
              && "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
              && (query == null || !query.contains("uploadId="));
      HttpResponse<byte[]> response;
      if (conditionalPut) {
        synchronized (conditionalWrites) {
          if (exists(exchange)) {
            reply(exchange, 412, Map.of("Content-Type", List.of("application/xml")),
                PRECONDITION_FAILED.getBytes(StandardCharsets.UTF_8), false);
            return;
          }
          response = forward(exchange, body);
        }
      } else {
        response = forward(exchange, body);
      }
      reply(exchange, response.statusCode(), response.headers().map(), response.body(),
          exchange.getRequestMethod().equals("HEAD"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    }
  }

  private boolean exists(HttpExchange exchange) throws IOException, InterruptedException {
    HttpRequest head = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    return client.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    URI uri = target.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .method(exchange.getRequestMethod(),
            body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase())) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void reply(HttpExchange exchange, int status, Map<String, List<String>> headers,
      byte[] body, boolean head) throws IOException {
    headers.forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    if (head || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
    client.close();
  }
}
