package io.dynamocdc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An embedded DynamoDB + DynamoDB Streams, on the real JSON 1.0 wire protocol, so the AWS SDKs,
 * boto3 and the AWS CLI talk to it unchanged (any credentials; the region is taken from each
 * request's signature). Tables and streams live in memory; {@link #control()} moves the clock, shapes
 * shards and injects faults.
 *
 * <pre>{@code
 * try (DynamoDbEmulator emulator = DynamoDbEmulator.start()) {
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(emulator.endpoint()) ... .build();
 * }
 * }</pre>
 */
public final class DynamoDbEmulator implements AutoCloseable {

    private final HttpFront front;
    private final EmulatorControl control;
    private final String host;

    private DynamoDbEmulator(Builder builder) {
        EmulatorState state = new EmulatorState(builder.accountId);
        state.streamSettings.set(builder.streamSettings);
        this.control = new EmulatorControl(state);
        this.host = builder.host;
        try {
            this.front = new HttpFront(new InetSocketAddress(builder.host, builder.port),
                    new ApiDispatcher(state), new ControlEndpoint(control), state.clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + builder.host + ":" + builder.port, e);
        }
        front.start();
    }

    /** Starts an emulator on a free port of the loopback interface. */
    public static DynamoDbEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where clients send requests, e.g. {@code http://127.0.0.1:43125} (loopback when listening everywhere). */
    public URI endpoint() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + front.port());
    }

    public int port() {
        return front.port();
    }

    public EmulatorControl control() {
        return control;
    }

    @Override
    public void close() {
        front.stop();
    }

    /** Where and how the emulator listens. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String accountId = "000000000000";
        private StreamSettings streamSettings = StreamSettings.DEFAULT;

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The account id in table and stream ARNs. */
        public Builder accountId(String accountId) {
            if (!accountId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("an account id is 12 digits, was " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        public Builder streamSettings(StreamSettings settings) {
            this.streamSettings = settings;
            return this;
        }

        public DynamoDbEmulator start() {
            return new DynamoDbEmulator(this);
        }
    }
}
