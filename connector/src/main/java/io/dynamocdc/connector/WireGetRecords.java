package io.dynamocdc.connector;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * GetRecords through the SDK (signing, retries, timeouts, error handling) with the answer's records read
 * by {@link WireRecords} rather than into the SDK's model. An interceptor takes the body of a successful
 * answer to a call that asked for it, checks its CRC32 as the SDK would, reads the records, and gives
 * the SDK the rest (the next iterator) to unmarshal. An answer {@link WireRecords} cannot read goes to
 * the SDK unchanged, and its records are mapped from the model as before: either way no record is lost.
 */
final class WireGetRecords implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(WireGetRecords.class);
    private static final String CRC32_HEADER = "x-amz-crc32";
    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("dynamo-cdc.wire-get-records");

    /** One call's stream and, once answered, its body and what the interceptor read from it. */
    private static final class Call {
        final String streamArn;
        final KeyOrder keyOrder;
        byte[] body;
        WireRecords.Page page;

        Call(String streamArn, KeyOrder keyOrder) {
            this.streamArn = streamArn;
            this.keyOrder = keyOrder;
        }
    }

    /**
     * What a GetRecords call returned: its records, and the next iterator.
     *
     * @param fromWire whether {@link WireRecords} read the records (false: the SDK's model did)
     */
    record Answer(java.util.List<ChangeRecord> records, String nextShardIterator, boolean fromWire) {
    }

    /** Calls GetRecords on a client built with this interceptor. */
    static Answer getRecords(DynamoDbStreamsClient streams, String iterator, int limit, String streamArn, KeyOrder keyOrder) {
        Call call = new Call(streamArn, keyOrder);
        GetRecordsResponse response = streams.getRecords(GetRecordsRequest.builder().shardIterator(iterator).limit(limit)
                .overrideConfiguration(o -> o.putExecutionAttribute(CALL, call)).build());
        if (call.page != null) {
            return new Answer(call.page.records(), response.nextShardIterator(), true);
        }
        return new Answer(response.records().stream().map(record -> StreamRecordMapper.change(record, streamArn, keyOrder)).toList(),
                response.nextShardIterator(), false);
    }

    /**
     * Takes the body of a successful answer, checks its CRC32 (the SDK would check it only on what it reads
     * next), and reads its records. When they are read, the SDK gets the answer without them and without
     * the CRC header that belonged to the whole.
     */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        SdkHttpResponse response = context.httpResponse();
        if (call == null) {
            return response;
        }
        call.body = null; // a retried attempt starts afresh
        call.page = null;
        if (context.responseBody().isEmpty() || !response.isSuccessful()
                || response.firstMatchingHeader("Content-Encoding").filter(encoding -> !encoding.equals("identity")).isPresent()) {
            return response;
        }
        byte[] body;
        try (InputStream in = context.responseBody().get()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw SdkClientException.create("reading a GetRecords answer of " + call.streamArn + " failed", e);
        }
        Optional<String> expected = response.firstMatchingHeader(CRC32_HEADER);
        if (expected.isPresent()) {
            CRC32 crc = new CRC32();
            crc.update(body);
            if (!expected.get().equals(Long.toString(crc.getValue()))) {
                throw Crc32MismatchException.create("a GetRecords answer of " + call.streamArn + " has CRC32 " + crc.getValue()
                        + ", not the " + expected.get() + " its header promised", null);
            }
        }
        call.body = body;
        try {
            call.page = WireRecords.parse(body, call.streamArn, call.keyOrder);
        } catch (IOException | RuntimeException unexpected) {
            LOG.warn("dynamo-cdc: a GetRecords answer of {} left to the SDK to read: {}", call.streamArn, unexpected.toString());
            return response;
        }
        return response.toBuilder().removeHeader(CRC32_HEADER).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null || call.body == null) {
            return context.responseBody();
        }
        byte[] body = call.page == null ? call.body : rest(call.page.nextShardIterator());
        return Optional.of(new ByteArrayInputStream(body));
    }

    /** The answer without its records, for the SDK: only the next iterator. */
    private static byte[] rest(String nextShardIterator) {
        if (nextShardIterator == null) {
            return "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder json = new StringBuilder(nextShardIterator.length() + 40).append("{\"Records\":[],\"NextShardIterator\":\"");
        JsonStringEncoder.getInstance().quoteAsString(nextShardIterator, json);
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
