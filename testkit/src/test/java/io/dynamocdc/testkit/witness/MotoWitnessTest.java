package io.dynamocdc.testkit.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An independent witness: the same scenario ({@link Scenario}) against the emulator and against
 * moto_server, compared field by field after {@link Normaliser} has set aside what legitimately
 * differs. Every remaining difference must be one of moto's documented departures from AWS
 * ({@link KnownMotoDepartures}), and every listed departure must still be seen. Where the emulator
 * is the one departing from AWS's documentation, the tests named {@code emulator…} expect AWS's
 * behaviour.
 */
class MotoWitnessTest {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** Both servers run on this machine; the slack only absorbs the emulator's and moto's own rounding. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(60);

    private static Map<String, Object> emulator;
    private static Map<String, Object> moto;
    private static List<TreeDiff.Difference> differences;

    @BeforeAll
    static void runTheScenarioOnBoth() {
        try (DynamoDbEmulator server = DynamoDbEmulator.start(); Backend backend = Backend.at("emulator", server.endpoint())) {
            emulator = observe(backend);
        }
        try (Backend backend = Backend.at("moto", MOTO.endpoint())) {
            moto = observe(backend);
        }
        differences = TreeDiff.between(emulator, moto);
    }

    private static Map<String, Object> observe(Backend backend) {
        Instant start = Instant.now();
        Map<String, Object> seen = new Scenario(backend).run();
        Instant end = Instant.now();
        return new Normaliser(Backend.REGION.id(), Scenario.TABLE, start.minus(CLOCK_TOLERANCE), end.plus(CLOCK_TOLERANCE))
                .normalise(seen);
    }

    @Test
    void everyDifferenceFromMotoIsADocumentedMotoDeparture() {
        List<TreeDiff.Difference> unexplained = differences.stream()
                .filter(difference -> KnownMotoDepartures.ALL.stream().noneMatch(d -> d.explains(difference.path())))
                .toList();
        assertThat(unexplained)
                .as("answers where the emulator and moto differ and no documented moto departure explains it: "
                        + "find out which one departs from AWS's documentation")
                .isEmpty();
    }

    @Test
    void everyDocumentedMotoDepartureIsStillSeen() {
        List<KnownMotoDepartures.Departure> stale = KnownMotoDepartures.ALL.stream()
                .filter(departure -> differences.stream().noneMatch(difference -> departure.explains(difference.path())))
                .toList();
        assertThat(stale)
                .as("listed moto departures that no longer show as a difference (moto fixed, or the emulator now "
                        + "departs from AWS the same way); differences seen:\n" + differences.stream()
                        .map(TreeDiff.Difference::path).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void bothBackendsKeepTheDocumentedInvariants() {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> seen : List.of(emulator, moto)) {
            String name = seen == emulator ? "emulator" : "moto";
            Map<String, Object> leaves = TreeDiff.flatten(seen);
            softly.assertThat(leaves.get("streams.afterSecondRecordStartsAtThird")).as(name + ": AFTER_SEQUENCE_NUMBER of "
                    + "the 2nd record starts at the 3rd").isEqualTo(true);
            softly.assertThat(leaves.get("streams.afterSecondRecord.Records[0].dynamodb.SequenceNumber"))
                    .as(name + ": sequence numbers grow in write order").isEqualTo("<sequence #3>");
            softly.assertThat(leaves.get("streams.eventIdsDistinct")).as(name + ": eventIDs are unique").isEqualTo(true);
            softly.assertThat(leaves.get("scan.paging.unionEqualsFullScan")).as(name + ": pages add up to the table")
                    .isEqualTo(true);
            softly.assertThat(leaves.get("scan.paging.duplicates")).as(name + ": no item on two pages").isEqualTo(0);
            softly.assertThat(leaves.get("scan.paging.everyPageWithinLimit")).as(name + ": pages keep to Limit")
                    .isEqualTo(true);
            softly.assertThat(leaves.get("scan.segments.unionEqualsFullScan")).as(name + ": segments add up to the table")
                    .isEqualTo(true);
            softly.assertThat(leaves.get("scan.segments.duplicates")).as(name + ": no item in two segments").isEqualTo(0);
            softly.assertThat(leaves.get("putItem.conditionFails.errorType")).as(name + ": failed condition")
                    .isEqualTo("ConditionalCheckFailedException");
            softly.assertThat(leaves.get("putItem.conditionFails.httpStatus")).as(name + ": failed condition status")
                    .isEqualTo(400);
        }
        softly.assertAll();
    }

    /** Where moto departs, the emulator must show what AWS documents (the other side of each listed departure). */
    @Test
    void emulatorFollowsAwsWhereMotoDeparts() {
        Map<String, Object> leaves = TreeDiff.flatten(emulator);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(leaves.get("describeTable.Table.TableId")).as("TableId").isEqualTo("<table id>");
        softly.assertThat(leaves.get("describeTable.Table.BillingModeSummary.LastUpdateToPayPerRequestDateTime"))
                .as("LastUpdateToPayPerRequestDateTime").isEqualTo("<during the run>");
        softly.assertThat(leaves.keySet()).as("no index lists for a table without indexes")
                .noneMatch(path -> path.contains("SecondaryIndexes"));
        softly.assertThat(leaves.keySet()).as("no ConsumedCapacity unasked").noneMatch(path -> path.contains("ConsumedCapacity"));
        softly.assertThat(leaves.get("scan.full[0].nested.M.deep.N")).as("1.50 trimmed").isEqualTo("1.5");
        softly.assertThat(leaves.get("streams.fromTrimHorizon.Records[0].awsRegion")).as("awsRegion")
                .isEqualTo(Backend.REGION.id());
        softly.assertThat(leaves.get("streams.fromTrimHorizon.Records[0].dynamodb.ApproximateCreationDateTime"))
                .as("ApproximateCreationDateTime").isEqualTo("<during the run, whole seconds>");
        softly.assertThat(leaves.get("noOpWrites.streamAfterwards.Records")).as("no record for writes that change nothing")
                .isEqualTo("[]");
        softly.assertThat(leaves.get("scan.paging.pageCount"))
                .as("6 items, Limit 2: the 3rd page still has a LastEvaluatedKey, the 4th is empty").isEqualTo(4);
        softly.assertThat(leaves.get("missingTable.listStreams.errorType")).as("ListStreams of a missing table")
                .isEqualTo("ResourceNotFoundException");
        softly.assertAll();
    }

    /** EMULATOR BUG (fails until fixed): Query must return every item of the partition, in sort-key order. */
    @Test
    void emulatorQueryReturnsTheWholePartitionInSortKeyOrder() {
        Map<String, Object> leaves = TreeDiff.flatten(emulator);
        assertThat(Arrays.asList(leaves.get("query.partition.Count"), leaves.get("query.partition.Items[0].sk.N"),
                leaves.get("query.partition.Items[1].sk.N"), leaves.get("query.partition.Items[2].sk.N")))
                .as("Query pk = alpha: Count, then the sort keys of the items (alpha has sk 1, 2 and 3)")
                .containsExactly(3, "1", "2", "3");
    }

    /** EMULATOR BUG (fails until fixed): CreateTable is asynchronous and answers CREATING. */
    @Test
    void emulatorAnswersCreateTableWithCreating() {
        assertThat(TreeDiff.flatten(emulator).get("createTable.TableDescription.TableStatus"))
                .as("CreateTable's TableStatus").isEqualTo("CREATING");
    }

    /** EMULATOR BUG (fails until fixed): every table has warm throughput; a new on-demand table 12,000 / 4,000. */
    @Test
    void emulatorDescribesWarmThroughput() {
        Map<String, Object> leaves = TreeDiff.flatten(emulator);
        assertThat(Arrays.asList(leaves.get("describeTable.Table.WarmThroughput.ReadUnitsPerSecond"),
                leaves.get("describeTable.Table.WarmThroughput.WriteUnitsPerSecond"),
                leaves.get("describeTable.Table.WarmThroughput.Status")))
                .as("DescribeTable's WarmThroughput: ReadUnitsPerSecond, WriteUnitsPerSecond, Status")
                .containsExactly(12000L, 4000L, "ACTIVE");
    }
}
