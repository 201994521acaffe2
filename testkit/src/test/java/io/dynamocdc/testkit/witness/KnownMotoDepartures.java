package io.dynamocdc.testkit.witness;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where moto 5.2.1 answers differently from AWS's documentation, so a difference from the emulator
 * there is expected. The witness test asserts that the differences it sees are exactly these: a fix in
 * moto, or a regression in the emulator, makes the list fail instead of going stale.
 *
 * <p>Paths are globs over {@link TreeDiff} paths: {@code *} is one step name or member, {@code [*]}
 * any list index, {@code **} anything further.
 */
final class KnownMotoDepartures {

    private static final String API = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/";
    private static final String GUIDE = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/";

    /** One documented departure: where it shows, what moto does, what AWS documents, and where. */
    record Departure(List<String> paths, String motoDoes, String awsDocuments, String reference) {

        boolean explains(String path) {
            return paths.stream().anyMatch(glob -> regex(glob).matcher(path).matches());
        }

        private static Pattern regex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (glob.startsWith("**", i)) {
                    regex.append(".*");
                    i++;
                } else if (glob.startsWith("[*]", i)) {
                    regex.append("\\[\\d+\\]");
                    i += 2;
                } else if (c == '*') {
                    regex.append("[^.\\[]*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }

        @Override
        public String toString() {
            return paths + ": moto " + motoDoes + "; AWS " + awsDocuments + " (" + reference + ")";
        }
    }

    static final List<Departure> ALL = List.of(
            new Departure(List.of("createTable.TableDescription.TableStatus"),
                    "answers CreateTable with TableStatus ACTIVE",
                    "documents that CreateTable is asynchronous and immediately answers with TableStatus CREATING",
                    API + "API_CreateTable.html"),
            new Departure(List.of("*.*.TableId"),
                    "leaves TableId out of the table description",
                    "describes every table with its TableId, a unique identifier",
                    API + "API_TableDescription.html"),
            new Departure(List.of("*.*.BillingModeSummary.LastUpdateToPayPerRequestDateTime"),
                    "leaves LastUpdateToPayPerRequestDateTime out of BillingModeSummary of an on-demand table",
                    "gives the time PAY_PER_REQUEST was last set as the capacity mode",
                    API + "API_BillingModeSummary.html"),
            new Departure(List.of("*.*.LocalSecondaryIndexes", "*.*.GlobalSecondaryIndexes"),
                    "sends empty LocalSecondaryIndexes and GlobalSecondaryIndexes lists for a table without indexes",
                    "describes only the indexes a table has (DescribeTable's example of a table without indexes has neither member)",
                    API + "API_DescribeTable.html#API_DescribeTable_Examples"),
            new Departure(List.of("**.ConsumedCapacity.**", "noOpWrites.updateToSameValue"),
                    "returns ConsumedCapacity from UpdateItem although the request did not ask for it",
                    "returns ConsumedCapacity only if ReturnConsumedCapacity was specified",
                    API + "API_UpdateItem.html#API_UpdateItem_ResponseSyntax"),
            new Departure(List.of("**.nested.M.deep.N"),
                    "keeps the number 1.50 as written",
                    "trims leading and trailing zeroes of numbers (1.50 is returned as 1.5)",
                    GUIDE + "HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number"),
            new Departure(List.of("streams.*.Records[*].awsRegion"),
                    "puts us-east-1 in every stream record, whatever the region",
                    "gives the region in which the GetRecords request was received (here eu-west-1)",
                    API + "API_streams_Record.html"),
            new Departure(List.of("streams.*.Records[*].dynamodb.ApproximateCreationDateTime"),
                    "stamps stream records with millisecond precision",
                    "rounds ApproximateCreationDateTime down to the closest second",
                    API + "API_streams_StreamRecord.html"),
            new Departure(List.of("streams.*.Records[*].dynamodb.SizeBytes"),
                    "gives the length of its own JSON rendering of the record (its source calls it 'a substantial overestimate')",
                    "gives the size of the stream record: the key and image attributes, sized as item sizes are",
                    API + "API_streams_StreamRecord.html"),
            new Departure(List.of("noOpWrites.streamAfterwards.Records**"),
                    "writes a MODIFY record for a PutItem or UpdateItem that changes nothing",
                    "writes no stream record for a PutItem or UpdateItem that does not change any data in the item",
                    GUIDE + "Streams.html"),
            new Departure(List.of("scan.paging.pageCount"),
                    "sends no LastEvaluatedKey when the Limit-th item is the table's last, so the paging ends a page sooner",
                    "stops at Limit and returns a LastEvaluatedKey, so the next page is empty and has none",
                    API + "API_Scan.html#DDB-Scan-request-Limit"),
            new Departure(List.of("missingTable.listStreams.**"),
                    "answers ListStreams for a table that does not exist with an empty list",
                    "lists ResourceNotFoundException for ListStreams: the operation tried to access a nonexistent table",
                    API + "API_streams_ListStreams.html#API_streams_ListStreams_Errors"));

    private KnownMotoDepartures() {
    }
}
