package io.dynamocdc.transform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One DynamoDB attribute value, in the ten types of DynamoDB JSON. Numbers keep their exact decimal
 * text; binaries keep their base64 text (validated when read), so nothing is rounded or re-encoded.
 */
public sealed interface AttributeValue {

    /** The DynamoDB JSON type descriptor: {@code S}, {@code N}, {@code BOOL} … */
    String type();

    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "S";
        }
    }

    /** A number as DynamoDB sends it: exact decimal text, already checked to be a JSON number. */
    record N(String text) implements AttributeValue {
        public N {
            Objects.requireNonNull(text, "text");
        }

        public BigDecimal decimal() {
            return new BigDecimal(text);
        }

        @Override
        public String type() {
            return "N";
        }
    }

    /** A binary, kept as its base64 text. */
    record B(String base64) implements AttributeValue {
        public B {
            Objects.requireNonNull(base64, "base64");
        }

        @Override
        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public String type() {
            return "BOOL";
        }
    }

    enum Null implements AttributeValue {
        INSTANCE;

        @Override
        public String type() {
            return "NULL";
        }
    }

    record M(Item item) implements AttributeValue {
        public M {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String type() {
            return "M";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record SS(List<String> values) implements AttributeValue {
        public SS {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    /** A number set; each member is exact decimal text. */
    record NS(List<String> values) implements AttributeValue {
        public NS {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    /** A binary set; each member is base64 text. */
    record BS(List<String> values) implements AttributeValue {
        public BS {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "BS";
        }
    }
}
