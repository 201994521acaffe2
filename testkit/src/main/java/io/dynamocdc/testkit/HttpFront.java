package io.dynamocdc.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * The HTTP side: AWS's JSON 1.0 protocol on {@code POST /}, the control actions on
 * {@link ControlEndpoint#PATH}. The region comes from the request's SigV4 credential scope; the
 * signature itself is not checked (any credentials work, as with any local emulator).
 *
 * <p>A small HTTP/1.1 server of its own, one thread per connection with keep-alive and TCP_NODELAY:
 * the JDK's built-in server hands every request between a selector thread and a worker, which cost
 * about a millisecond per call here, and SDK clients make one call after another on one connection.
 */
final class HttpFront {

    static final String DEFAULT_REGION = "us-east-1";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ApiDispatcher api;
    /** Stamps each answer's Date header, as AWS does: readers take the service's time from it. */
    private final EmulatorClock clock;
    private final ControlEndpoint control;
    private volatile boolean running = true;

    HttpFront(InetSocketAddress address, ApiDispatcher api, ControlEndpoint control, EmulatorClock clock) throws IOException {
        this.api = api;
        this.clock = clock;
        this.control = control;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 512);
        AtomicInteger number = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dynamo-cdc-emulator-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        Thread acceptor = new Thread(this::accept, "dynamo-cdc-emulator-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops accepting, closes every connection and waits (briefly) for their threads to end. */
    void stop() {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
        open.forEach(HttpFront::closeQuietly);
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                if (!running) {
                    closeQuietly(socket);
                    return;
                }
                try {
                    connections.execute(() -> serve(socket));
                } catch (RejectedExecutionException stopping) {
                    closeQuietly(socket);
                    return;
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (running) {
                HttpRequestHead head;
                byte[] body;
                try {
                    head = HttpRequestHead.read(in, MAX_HEADER_BYTES);
                    if (head == null) {
                        return;
                    }
                    if ("100-continue".equalsIgnoreCase(head.header("expect"))) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    body = head.readBody(in, MAX_BODY_BYTES);
                } catch (MalformedRequestException e) {
                    // Say what was wrong, then close: the rest of the connection cannot be framed.
                    respond(out, ApiDispatcher.error(new DynamoDbException("SerializationException", 400,
                            "Malformed HTTP request: " + e.getMessage())), false);
                    return;
                }
                ApiDispatcher.Answer answer = answer(head, body);
                boolean keepAlive = head.keepAlive();
                respond(out, answer, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the emulator is stopping: nothing can be answered.
        } finally {
            open.remove(socket);
        }
    }

    private ApiDispatcher.Answer answer(HttpRequestHead head, byte[] body) {
        String path = head.path();
        if (path.equals(ControlEndpoint.PATH)) {
            return control.handle(body);
        }
        if (path.equals("/_dynamo-cdc/health")) {
            return new ApiDispatcher.Answer(200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII));
        }
        if (!head.method().equals("POST")) {
            return ApiDispatcher.error(new DynamoDbException("UnknownOperationException", 400,
                    "The dynamo-cdc emulator answers POST requests of the DynamoDB JSON protocol"));
        }
        return api.handle(head.header("x-amz-target"), region(head.header("authorization")),
                accessKey(head.header("authorization")), body);
    }

    private void respond(OutputStream out, ApiDispatcher.Answer answer, boolean keepAlive) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(answer.body());
        String head = "HTTP/1.1 " + answer.status() + (answer.status() == 200 ? " OK" : answer.status() >= 500 ? " Internal Server Error" : " Bad Request")
                + "\r\nContent-Type: application/x-amz-json-1.0"
                + "\r\nx-amzn-RequestId: " + UUID.randomUUID()
                + "\r\nx-amz-crc32: " + crc.getValue()
                + "\r\nContent-Length: " + answer.body().length
                + "\r\nDate: " + HTTP_DATE.format(clock.now().atOffset(ZoneOffset.UTC))
                + (keepAlive ? "" : "\r\nConnection: close")
                + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(answer.body());
        out.flush();
    }

    /** The access key id of a SigV4 {@code Authorization} header, or null. */
    static String accessKey(String authorization) {
        int credential = authorization == null ? -1 : authorization.indexOf("Credential=");
        if (credential < 0) {
            return null;
        }
        String scope = authorization.substring(credential + "Credential=".length());
        int slash = scope.indexOf('/');
        return slash < 0 ? null : scope.substring(0, slash);
    }

    /** The region of a SigV4 {@code Authorization} header: {@code Credential=AKID/date/REGION/service/aws4_request}. */
    static String region(String authorization) {
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        int credential = authorization.indexOf("Credential=");
        if (credential < 0) {
            return DEFAULT_REGION;
        }
        String[] scope = authorization.substring(credential + "Credential=".length()).split("[,\\s]")[0].split("/");
        return scope.length >= 3 && !scope[2].isEmpty() ? scope[2] : DEFAULT_REGION;
    }

    /** A request that cannot be read as HTTP/1.1: answered 400, then the connection is closed. */
    static final class MalformedRequestException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRequestException(String message) {
            super(message);
        }
    }

    /** A request line and its headers (names lower-cased). */
    record HttpRequestHead(String method, String path, String version, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name);
        }

        /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
        boolean keepAlive() {
            String connection = header("connection");
            if (version.equals("HTTP/1.0")) {
                return "keep-alive".equalsIgnoreCase(connection);
            }
            return !"close".equalsIgnoreCase(connection);
        }

        /** The next request on the connection, or null when the client closed it. */
        static HttpRequestHead read(InputStream in, int maxBytes) throws IOException {
            String requestLine = line(in, maxBytes);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in, maxBytes);
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                throw new MalformedRequestException("not an HTTP/1.x request line");
            }
            Map<String, String> headers = new HashMap<>();
            int total = requestLine.length();
            for (String line = line(in, maxBytes); line != null && !line.isEmpty(); line = line(in, maxBytes)) {
                total += line.length();
                if (total > maxBytes) {
                    throw new MalformedRequestException("request headers too large");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String target = parts[1];
            int query = target.indexOf('?');
            return new HttpRequestHead(parts[0], query < 0 ? target : target.substring(0, query), parts[2], headers);
        }

        byte[] readBody(InputStream in, int maxBytes) throws IOException {
            if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = chunkSize(in, maxBytes); size > 0; size = chunkSize(in, maxBytes)) {
                    if (body.size() + size > maxBytes) {
                        throw new MalformedRequestException("request body too large");
                    }
                    body.write(in.readNBytes(size));
                    line(in, maxBytes);
                }
                for (String trailer = line(in, maxBytes); trailer != null && !trailer.isEmpty(); trailer = line(in, maxBytes)) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            String length = header("content-length");
            if (length == null) {
                return new byte[0];
            }
            int size;
            try {
                size = Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("Content-Length is not a number");
            }
            if (size < 0 || size > maxBytes) {
                throw new MalformedRequestException("a request body of " + size + " bytes is not accepted");
            }
            byte[] body = in.readNBytes(size);
            if (body.length != size) {
                throw new IOException("the connection closed inside the request body");
            }
            return body;
        }

        private static int chunkSize(InputStream in, int maxBytes) throws IOException {
            String line = line(in, maxBytes);
            if (line == null) {
                throw new IOException("the connection closed inside a chunked body");
            }
            int extension = line.indexOf(';');
            try {
                return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("a chunk size is not hexadecimal");
            }
        }

        /** One CRLF-terminated line in ISO-8859-1, or null at the end of the stream. */
        private static String line(InputStream in, int maxBytes) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() >= maxBytes) {
                    throw new MalformedRequestException("header line too long");
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }
}
