package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.lambda.OrderHistory.Change;
import io.dynamocdc.lambda.OrderHistory.Order;
import io.trino.sql.parser.ParsingOptions;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.Statement;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/athena's queries, run by DuckDB over rows the real handler produced (configured as the
 * template deploys it), laid out as Firehose writes them: {@code cdc/orders/dt=…/hour=…/<object>},
 * newline-delimited JSON. Every answer is checked against the history that went in, computed here
 * in Java with exact decimals. Trino's own parser (Athena's engine) must also accept every query.
 */
class AthenaQueriesTest {

    private static final Path QUERIES = CloudFormationTemplate.CONFIG.resolve("athena");
    private static final int SCALE = 4;
    private static final int REDELIVERED_FROM = 40;
    private static final int REDELIVERED_TO = 140;
    /**
     * Functions of Trino (Athena engine 3) that DuckDB also has, with the same meaning. Trino's parser
     * does not know function names; a query calling anything else fails here until it is checked in
     * both engines and added.
     */
    private static final Set<String> FUNCTIONS_IN_BOTH_ENGINES = Set.of(
            "count", "sum", "min", "max", "avg", "length", "row_number", "rank", "dense_rank", "coalesce",
            "lower", "upper", "round", "abs");

    @TempDir
    static Path bucket;

    private static OrderHistory history;
    private static FirehoseDeliveryStandIn firehose;
    private static Connection duckdb;

    @BeforeAll
    static void deliverTheHistoryThroughTheFunction() throws SQLException {
        history = OrderHistory.generate(20_251_101L, 600);
        CloudFormationTemplate template = CloudFormationTemplate.load();
        LambdaBridge function = LambdaBridge.fromEnvironment(template.transformEnvironment(), line -> { });
        String prefix = template.resource("ChangesDeliveryStream")
                .at("/Properties/ExtendedS3DestinationConfiguration/Prefix").asText();
        firehose = new FirehoseDeliveryStandIn(function, bucket, prefix);
        firehose.deliver(history.payloads, 0, 97, Instant.parse("2025-11-01T02:00:00Z"));
        // At-least-once delivery: a Pipe retry sends some records again; every answer must stay the same.
        firehose.deliver(history.payloads.subList(REDELIVERED_FROM, REDELIVERED_TO), REDELIVERED_FROM, 50,
                Instant.parse("2025-11-01T02:05:00Z"));

        AthenaDdl ddl = AthenaDdl.read();
        String columns = ddl.columns().entrySet().stream()
                .map(c -> "'" + c.getKey() + "': '" + AthenaDdl.duckDbType(c.getValue()) + "'")
                .collect(Collectors.joining(", "));
        String partitionTypes = ddl.partitions().keySet().stream().map(p -> "'" + p + "': 'VARCHAR'")
                .collect(Collectors.joining(", "));
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (java.sql.Statement statement = duckdb.createStatement()) {
            // The Glue table as DuckDB can declare it: the DDL's columns over the partitioned layout.
            statement.execute("CREATE VIEW " + ddl.table() + " AS SELECT * FROM read_json('"
                    + bucket.resolve("cdc/orders") + "/*/*/*', format = 'newline_delimited', hive_partitioning = true, "
                    + "hive_types = {" + partitionTypes + "}, columns = {" + columns + "})");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
    }

    @Test
    void firehoseLayoutHoldsOneJsonRowPerLineWithExactlyTheTableColumns() throws IOException {
        AthenaDdl ddl = AthenaDdl.read();
        int rows = 0;
        for (Path object : firehose.objects()) {
            String partition = bucket.relativize(object.getParent()).toString();
            String text = Files.readString(object, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            for (String line : text.split("\n")) {
                JsonNode row = Events.tree(line);
                assertThat(fieldNames(row)).as(line).containsExactlyElementsOf(ddl.columns().keySet());
                ddl.columns().forEach((column, type) -> assertThat(jsonFits(row.get(column), type))
                        .as("%s as %s in %s", column, type, line).isTrue());
                // The function's partition keys put each row under the UTC date and hour of its own change.
                String time = row.get("creation_datetime").asText();
                assertThat(partition).isEqualTo("cdc/orders/dt=" + time.substring(0, 10) + "/hour=" + time.substring(11, 13));
                rows++;
            }
        }
        assertThat(history.untransformable).noneMatch(i -> i >= REDELIVERED_FROM && i < REDELIVERED_TO);
        assertThat(rows).isEqualTo(history.changes.size() + (REDELIVERED_TO - REDELIVERED_FROM));
        assertThat(firehose.objects()).extracting(o -> o.getParent().getFileName().toString()).contains("hour=22", "hour=23", "hour=00");
    }

    @Test
    void whatCannotBeTransformedComesBackWithItsOriginalBytes() {
        assertThat(firehose.failed()).extracting(FirehoseDeliveryStandIn.Failed::index)
                .containsExactlyElementsOf(history.untransformable);
        for (FirehoseDeliveryStandIn.Failed failed : firehose.failed()) {
            assertThat(failed.data()).isEqualTo(history.payloads.get(failed.index()));
        }
    }

    @Test
    void everyQueryParsesAsTrinoSqlAndCallsOnlyFunctionsBothEnginesHave() throws IOException {
        SqlParser trino = new SqlParser();
        for (Path query : queryFiles()) {
            String sql = Files.readString(query);
            Statement[] parsed = new Statement[1];
            assertThatCode(() -> parsed[0] = trino.createStatement(sql, new ParsingOptions())).as("%s", query)
                    .doesNotThrowAnyException();
            Set<String> called = new TreeSet<>();
            new DefaultTraversalVisitor<Void>() {
                @Override
                protected Void visitFunctionCall(FunctionCall node, Void context) {
                    called.add(node.getName().toString().toLowerCase(Locale.ROOT));
                    return super.visitFunctionCall(node, context);
                }
            }.process(parsed[0], null);
            assertThat(called).as("functions called by %s", query).isNotEmpty().isSubsetOf(FUNCTIONS_IN_BOTH_ENGINES);
        }
    }

    @Test
    void changesByEventTypeCountsEveryChangeAndTheTtlDeletes() throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        for (Change change : history.changes) {
            long[] counts = expected.computeIfAbsent(change.eventName(), k -> new long[2]);
            counts[0]++;
            counts[1] += change.byTtl() ? 1 : 0;
        }
        List<List<String>> rows = new ArrayList<>();
        expected.forEach((event, counts) -> rows.add(List.of(event, String.valueOf(counts[0]), String.valueOf(counts[1]))));

        assertThat(expected.get("REMOVE")[1]).as("the history has TTL deletes").isPositive();
        assertThat(run("changes_by_event_type.sql")).isEqualTo(rows);
    }

    @Test
    void currentOrdersAreTheLatestChangePerKeyWithoutDeletedOnes() throws Exception {
        List<List<String>> rows = currentOrders().values().stream()
                .map(c -> List.of(c.image().orderId(), c.image().product(), String.valueOf(c.image().quantity()),
                        decimal(c.image().priceValue()), OrderHistory.ISO.format(c.time())))
                .sorted(Comparator.comparing((List<String> row) -> row.get(0)))
                .toList();

        // The history must exercise what the query has to get right.
        assertThat(history.changes.stream().map(Change::sequenceNumber).map(String::length).distinct()).hasSize(2);
        assertThat(history.changes.stream().filter(c -> c.eventName().equals("REMOVE")).map(c -> c.image().orderId()))
                .anyMatch(id -> currentOrders().containsKey(id));
        assertThat(run("current_orders.sql")).isEqualTo(rows);
    }

    @Test
    void salesByProductAddUpTheCurrentOrders() throws Exception {
        Map<String, BigDecimal[]> byProduct = new LinkedHashMap<>();
        for (Change change : currentOrders().values()) {
            Order order = change.image();
            BigDecimal[] sums = byProduct.computeIfAbsent(order.product(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(BigDecimal.valueOf(order.quantity()));
            sums[1] = sums[1].add(order.priceValue().multiply(BigDecimal.valueOf(order.quantity())));
        }
        List<List<String>> rows = byProduct.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, BigDecimal[]> e) -> e.getValue()[1]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> List.of(e.getKey(), e.getValue()[0].toPlainString(), decimal(e.getValue()[1])))
                .toList();

        assertThat(rows).hasSize(OrderHistory.PRODUCTS.length);
        assertThat(run("sales_by_product.sql")).isEqualTo(rows);
    }

    @Test
    void salesByHourAddUpTheOrdersPlacedInEachUtcHour() throws Exception {
        Map<String, BigDecimal[]> byHour = new TreeMap<>();
        for (Change change : history.changes) {
            if (change.eventName().equals("INSERT")) {
                String hour = OrderHistory.DT.format(change.time()) + " " + OrderHistory.HOUR.format(change.time());
                BigDecimal[] sums = byHour.computeIfAbsent(hour, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                Order order = change.newImage();
                sums[0] = sums[0].add(BigDecimal.ONE);
                sums[1] = sums[1].add(BigDecimal.valueOf(order.quantity()));
                sums[2] = sums[2].add(order.priceValue().multiply(BigDecimal.valueOf(order.quantity())));
            }
        }
        List<List<String>> rows = byHour.entrySet().stream()
                .map(e -> Stream.concat(Stream.of(e.getKey().split(" ")),
                        Stream.of(e.getValue()[0].toPlainString(), e.getValue()[1].toPlainString(), decimal(e.getValue()[2]))).toList())
                .toList();

        assertThat(rows).extracting(row -> row.get(0)).contains("2025-10-31", "2025-11-01");
        assertThat(run("sales_by_hour.sql")).isEqualTo(rows);
    }

    /** Every order whose latest change is not a REMOVE, by order id. */
    private static Map<String, Change> currentOrders() {
        Map<String, Change> latest = new TreeMap<>();
        for (Change change : history.changes) {
            latest.put(change.image().orderId(), change);
        }
        latest.values().removeIf(change -> change.eventName().equals("REMOVE"));
        return latest;
    }

    /** Runs a query file; every value as text, decimals in full. A double would mean lost digits: refused. */
    private static List<List<String>> run(String file) throws IOException, SQLException {
        String sql = Files.readString(QUERIES.resolve(file));
        List<List<String>> rows = new ArrayList<>();
        try (java.sql.Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    if (value instanceof Double || value instanceof Float) {
                        throw new AssertionError(file + " column " + columns.getColumnName(i) + " is inexact (" + value + ")");
                    }
                    row.add(value instanceof BigDecimal exact ? decimal(exact) : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String decimal(BigDecimal value) {
        return value.setScale(SCALE).toPlainString();
    }

    private static List<Path> queryFiles() throws IOException {
        try (Stream<Path> files = Files.list(QUERIES)) {
            List<Path> queries = files.filter(f -> f.toString().endsWith(".sql") && !f.toString().endsWith(".ddl.sql"))
                    .sorted().toList();
            assertThat(queries).extracting(q -> q.getFileName().toString()).containsExactly(
                    "changes_by_event_type.sql", "current_orders.sql", "sales_by_hour.sql", "sales_by_product.sql");
            return queries;
        }
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether the JSON value reads as the Athena column type, as the OpenX SerDe reads it. */
    private static boolean jsonFits(JsonNode value, String type) {
        if (type.startsWith("decimal")) {
            return value.isNumber() && value.decimalValue().scale() <= SCALE;
        }
        return switch (type) {
            case "string" -> value.isTextual();
            case "bigint" -> value.isIntegralNumber() && value.bigIntegerValue().bitLength() < 64;
            case "boolean" -> value.isBoolean();
            default -> throw new AssertionError("no check for column type " + type);
        };
    }
}
