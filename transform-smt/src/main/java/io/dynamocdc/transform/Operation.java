package io.dynamocdc.transform;

/** What happened to the item, with DynamoDB's event name and the Debezium operation code. */
public enum Operation {
    INSERT("c"),
    MODIFY("u"),
    REMOVE("d"),
    /** A row read by an initial snapshot rather than a change. */
    READ("r");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** Debezium's {@code op} code: c, u, d or r. */
    public String code() {
        return code;
    }

    /** DynamoDB's {@code eventName}. */
    public String eventName() {
        return name();
    }

    /** The operation for a DynamoDB {@code eventName}, or {@code null} if it names none. */
    public static Operation forEventName(String eventName) {
        if (eventName == null) {
            return null;
        }
        switch (eventName) {
            case "INSERT":
                return INSERT;
            case "MODIFY":
                return MODIFY;
            case "REMOVE":
                return REMOVE;
            case "READ":
                return READ;
            default:
                return null;
        }
    }
}
