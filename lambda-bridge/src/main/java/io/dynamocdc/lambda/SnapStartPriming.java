package io.dynamocdc.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart (CRaC) priming: before the snapshot is taken, runs a built-in batch (INSERT, MODIFY, REMOVE,
 * a TTL delete and a bad record) through the transform enough times for its classes to load and its hot
 * paths to compile, so a restored function answers its first batch warm. Without SnapStart nothing
 * calls it and it costs nothing. Nothing is logged and nothing leaves the function.
 */
final class SnapStartPriming implements Resource {

    static final String PRIMING_EVENT = "priming-event.json";
    static final int ROUNDS = 200;

    private final LambdaBridge bridge;
    private volatile int primedRecords;

    SnapStartPriming(LambdaBridge bridge) {
        this.bridge = bridge;
    }

    /** Registers with the global CRaC context (which holds resources weakly: keep the returned one). */
    static SnapStartPriming register(LambdaBridge bridge) {
        SnapStartPriming priming = new SnapStartPriming(bridge);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to reopen: the transform holds no connections, files or cached times of day.
    }

    /** Runs the priming batch; a misconfigured function has nothing to prime. Returns records transformed. */
    int prime() {
        byte[] event = primingEvent();
        int records = 0;
        for (int round = 0; round < ROUNDS; round++) {
            FirehoseResponse response = bridge.transformQuietly(event);
            if (response == null) {
                break;
            }
            records += response.records().size();
        }
        primedRecords = records;
        return records;
    }

    int primedRecords() {
        return primedRecords;
    }

    static byte[] primingEvent() {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(PRIMING_EVENT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PRIMING_EVENT + " beside " + SnapStartPriming.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
