package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FirehoseEventReaderTest {

    private static FirehoseEvent read(String json) {
        return new FirehoseEventReader().read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldWhateverTheOrderAndSpacing() {
        FirehoseEvent event = read("""
                { "records" : [ { "data" : "e30=" , "approximateArrivalTimestamp" : 1761955201000 ,
                  "kinesisRecordMetadata": {"shardId": "s", "nested": [1, {"a": null}]}, "recordId" : "r-1" } ],
                  "region":"eu-west-1", "invocationId":"inv", "deliveryStreamArn":"arn:aws:firehose:x", "extra": {"k": [true]} }""");

        assertThat(event.invocationId()).isEqualTo("inv");
        assertThat(event.region()).isEqualTo("eu-west-1");
        assertThat(event.deliveryStreamArn()).isEqualTo("arn:aws:firehose:x");
        FirehoseRecord record = event.records().get(0);
        assertThat(record.recordId()).isEqualTo("r-1");
        assertThat(record.approximateArrivalTimestamp()).isEqualTo(1_761_955_201_000L);
        assertThat(record.data()).isEqualTo("e30=");
        assertThat(record.payload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(record.quotedDataLength()).isEqualTo(6);
    }

    @Test
    void escapedDataIsDecodedAndGoesBackAsTheSameText() {
        // A JSON writer may escape '/' as '\/'; the text is still the same base64.
        String base64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf});
        assertThat(base64).isEqualTo("+/+/");
        FirehoseEvent event = read("{\"records\":[{\"recordId\":\"r\",\"data\":\"+\\/+\\/\"}]}");

        FirehoseRecord record = event.records().get(0);
        assertThat(record.data()).isEqualTo("+/+/");
        assertThat(record.payload()).containsExactly(0xfb, 0xff, 0xbf);
        ByteSink sink = new ByteSink(8);
        record.writeQuotedData(sink);
        assertThat(new String(sink.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("\"+/+/\"");
    }

    @Test
    void dataThatIsNoBase64IsKeptAsItCame() {
        FirehoseRecord record = read("{\"records\":[{\"recordId\":\"r\",\"data\":\"Zoë\"},{\"recordId\":\"s\",\"data\":null},"
                + "{\"recordId\":\"t\",\"data\":12}]}").records().get(0);

        assertThat(record.payload()).isNull();
        assertThat(record.data()).isEqualTo("Zoë");
        assertThat(read("{\"records\":[{\"recordId\":\"s\",\"data\":null}]}").records().get(0).hasData()).isFalse();
    }

    @Test
    void plainStringsAreFoundInPlace() {
        byte[] bytes = "\"abc\" \"a\\\"b\" \"é\"".getBytes(StandardCharsets.UTF_8);

        assertThat(FirehoseEventReader.plainStringEnd(bytes, 1)).isEqualTo(4);
        assertThat(FirehoseEventReader.plainStringEnd(bytes, 7)).isEqualTo(-1);
        assertThat(FirehoseEventReader.plainStringEnd(bytes, 14)).isEqualTo(-1);
        assertThat(FirehoseEventReader.plainStringEnd("\"unterminated".getBytes(StandardCharsets.UTF_8), 1)).isEqualTo(-1);
    }
}
