package io.dynamocdc.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda context whose logger keeps every line, for asserting on what the function logs. */
final class TestContext implements Context {

    static final String FUNCTION_NAME = "orders-cdc-transform";
    static final String REQUEST_ID = "8f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c";

    private final List<String> lines = new ArrayList<>();

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            for (String line : message.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    /** Every log line so far. */
    List<String> lines() {
        return lines;
    }

    @Override
    public String getAwsRequestId() {
        return REQUEST_ID;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
        return "2025/11/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:ap-south-1:123456789012:function:" + FUNCTION_NAME;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
