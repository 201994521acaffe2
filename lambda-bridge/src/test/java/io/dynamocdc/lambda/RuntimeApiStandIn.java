package io.dynamocdc.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.FUNCTION_NAME;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Lambda Runtime API (version 2018-06-01) on 127.0.0.1: hands out queued
 * events on {@code GET /invocation/next} (and holds further calls open, as Lambda does between
 * invocations), answers SnapStart's {@code GET /restore/next} at once, and completes {@link #answer()}
 * with the first response, invocation error, init error or restore error the runtime posts.
 */
final class RuntimeApiStandIn implements AutoCloseable {

    enum Kind { RESPONSE, INVOCATION_ERROR, INIT_ERROR, RESTORE_ERROR }

    record Answer(Kind kind, String requestId, String errorType, byte[] body) {
        String bodyText() {
            return new String(body, UTF_8);
        }

        @Override
        public String toString() {
            return kind + " for " + requestId + (errorType == null ? "" : " (" + errorType + ")") + ": " + bodyText();
        }
    }

    private record Invocation(String requestId, byte[] event) {
    }

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_ANSWER =
            Pattern.compile(Pattern.quote(PREFIX + "/invocation/") + "([^/]+)/(response|error)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    RuntimeApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the runtime; returns its request id. */
    String enqueue(byte[] event) {
        String requestId = UUID.randomUUID().toString();
        queue.add(new Invocation(requestId, event));
        return requestId;
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    /** Every call the runtime made, in order, for failure messages. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            var invocationAnswer = INVOCATION_ANSWER.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && invocationAnswer.matches()) {
                Kind kind = invocationAnswer.group(2).equals("response") ? Kind.RESPONSE : Kind.INVOCATION_ERROR;
                answer.complete(new Answer(kind, invocationAnswer.group(1), errorType(exchange), body));
                accepted(exchange);
            } else if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
                answer.complete(new Answer(Kind.INIT_ERROR, null, errorType(exchange), body));
                accepted(exchange);
            } else if (method.equals("GET") && path.equals(PREFIX + "/restore/next")) {
                exchange.sendResponseHeaders(200, -1); // SnapStart: "restored", go on
            } else if (method.equals("POST") && path.equals(PREFIX + "/restore/error")) {
                answer.complete(new Answer(Kind.RESTORE_ERROR, null, errorType(exchange), body));
                accepted(exchange);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            // Lambda holds this call until there is work; here until the test ends.
            invocation = queue.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation = null;
        }
        if (invocation == null) {
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:ap-south-1:123456789012:function:" + FUNCTION_NAME);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-6905a000-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] status = "{\"status\":\"OK\"}".getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, status.length);
        exchange.getResponseBody().write(status);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes a held GET /next
    }
}
