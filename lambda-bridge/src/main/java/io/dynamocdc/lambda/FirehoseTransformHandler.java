package io.dynamocdc.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Firehose data-transformation Lambda. Handler setting:
 * {@code io.dynamocdc.lambda.FirehoseTransformHandler::handleRequest} (runtime java17 or java21).
 *
 * <p>Configured by {@code CDC_*} environment variables (see docs/lambda-config.md). A stream handler:
 * the event is read and the answer written with Jackson's streaming API, not the runtime's reflective
 * serializer, which keeps cold starts short.
 */
public final class FirehoseTransformHandler implements RequestStreamHandler {

    private static final LambdaBridge BRIDGE =
            LambdaBridge.fromEnvironment(System.getenv(), line -> LambdaRuntime.getLogger().log(line + "\n"));

    // Held here: the CRaC context keeps only a weak reference.
    private static final SnapStartPriming PRIMING = SnapStartPriming.register(BRIDGE);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BRIDGE.handle(input, output, context);
    }

    static SnapStartPriming priming() {
        return PRIMING;
    }
}
