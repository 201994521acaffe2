package io.dynamocdc.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.dynamocdc.transform.InvalidOptionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Everything one Lambda container needs, built once at init: the configuration read from the
 * environment, the batch processor and the writer. A configuration error is logged at init and then
 * fails every invocation with the same clear message (rather than failing every record, or crashing
 * init in a loop Firehose cannot explain).
 */
final class LambdaBridge {

    private final InvalidOptionException configError;
    private final FirehoseBatchProcessor processor;
    private final FirehoseEventReader reader = new FirehoseEventReader();
    private final FirehoseResponseWriter writer = new FirehoseResponseWriter();
    private final BridgeLog.Sink fallbackSink;

    private LambdaBridge(BridgeConfig config, InvalidOptionException configError, BridgeLog.Sink fallbackSink) {
        this.configError = configError;
        this.processor = config == null ? null : new FirehoseBatchProcessor(config);
        this.fallbackSink = fallbackSink;
    }

    /** Reads the configuration and logs the outcome to {@code initLog}; never throws for a bad value. */
    static LambdaBridge fromEnvironment(Map<String, String> environment, BridgeLog.Sink initLog) {
        BridgeLog log = new BridgeLog(initLog);
        try {
            BridgeConfig config = BridgeConfig.fromEnvironment(environment);
            log.started(config);
            return new LambdaBridge(config, null, initLog);
        } catch (InvalidOptionException e) {
            log.configurationInvalid(e);
            return new LambdaBridge(null, e, initLog);
        }
    }

    /** One invocation: Firehose's event in, the answer out. Fails only when nothing can be answered. */
    void handle(InputStream in, OutputStream out, Context context) throws IOException {
        BridgeLog log = new BridgeLog(sinkOf(context));
        String requestId = context == null ? null : context.getAwsRequestId();
        if (configError != null) {
            String message = "dynamo-cdc lambda-bridge is misconfigured: " + configError.getMessage()
                    + ". Fix the function's environment variables; no record was read.";
            log.invocationFailed(requestId, message);
            throw new IllegalStateException(message, configError);
        }
        long start = System.nanoTime();
        FirehoseEvent event;
        try {
            event = reader.read(in.readAllBytes());
        } catch (InvalidEventException e) {
            log.invocationFailed(requestId, e.getMessage());
            throw e;
        }
        FirehoseBatchProcessor.Outcome outcome = processor.process(event, log);
        ByteSink answer = new ByteSink((int) outcome.answerBytes());
        writer.write(outcome.response(), answer);
        answer.writeTo(out);
        out.flush();
        long elapsed = System.nanoTime() - start;
        FirehoseResponse response = outcome.response();
        log.invocation(new BridgeLog.InvocationSummary(
                context == null ? null : context.getFunctionName(), event.invocationId(), requestId,
                response.records().size(), response.count(TransformationResult.OK),
                response.count(TransformationResult.DROPPED), response.count(TransformationResult.PROCESSING_FAILED),
                outcome.failedOverLimit(), elapsed, answer.size(), System.currentTimeMillis()));
    }

    /** Transforms an event with nothing logged: what priming runs before a SnapStart snapshot. */
    FirehoseResponse transformQuietly(byte[] event) {
        if (processor == null) {
            return null;
        }
        return processor.process(reader.read(event), BridgeLog.discarding()).response();
    }

    private BridgeLog.Sink sinkOf(Context context) {
        if (context != null && context.getLogger() != null) {
            var logger = context.getLogger();
            return line -> logger.log(line + "\n");
        }
        return fallbackSink;
    }
}
