package io.dynamocdc.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** config/athena/orders_changes.ddl.sql, read for its columns, partitions, SerDe and table properties. */
record AthenaDdl(String table, Map<String, String> columns, Map<String, String> partitions, String serde,
                 Map<String, String> properties) {

    static final Path FILE = CloudFormationTemplate.CONFIG.resolve("athena/orders_changes.ddl.sql");

    private static final Pattern TABLE = Pattern.compile("CREATE EXTERNAL TABLE (\\w+) \\((.*?)\\)\\s*PARTITIONED BY \\((.*?)\\)",
            Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(\\w+)\\s+(\\w+(?:\\(\\d+,\\s*\\d+\\))?)");
    private static final Pattern SERDE = Pattern.compile("ROW FORMAT SERDE '([^']+)'");
    private static final Pattern PROPERTY = Pattern.compile("'([^']+)'\\s*=\\s*'([^']*)'");

    static AthenaDdl read() {
        String sql;
        try {
            sql = Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
        Matcher table = TABLE.matcher(sql);
        Matcher serde = SERDE.matcher(sql);
        int properties = sql.indexOf("TBLPROPERTIES");
        if (!table.find() || !serde.find() || properties < 0) {
            throw new AssertionError(FILE + " is not CREATE EXTERNAL TABLE … PARTITIONED BY … ROW FORMAT SERDE … TBLPROPERTIES");
        }
        return new AthenaDdl(table.group(1), columns(table.group(2)), columns(table.group(3)), serde.group(1),
                pairs(sql.substring(properties)));
    }

    private static Map<String, String> columns(String list) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : list.split(",\\s*(?![^()]*\\))")) {
            Matcher column = COLUMN.matcher(line.strip());
            if (!column.matches()) {
                throw new AssertionError("not a column declaration in " + FILE + ": " + line.strip());
            }
            columns.put(column.group(1), column.group(2).replaceAll("\\s", ""));
        }
        return columns;
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher pair = PROPERTY.matcher(text);
        while (pair.find()) {
            pairs.put(pair.group(1), pair.group(2));
        }
        return pairs;
    }

    /** The column's type as DuckDB spells it. */
    static String duckDbType(String hiveType) {
        return switch (hiveType.replaceAll("\\(.*", "")) {
            case "string" -> "VARCHAR";
            case "bigint" -> "BIGINT";
            case "int" -> "INTEGER";
            case "double" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "decimal" -> hiveType.toUpperCase(java.util.Locale.ROOT);
            default -> throw new AssertionError("no DuckDB type for the Athena column type " + hiveType);
        };
    }
}
