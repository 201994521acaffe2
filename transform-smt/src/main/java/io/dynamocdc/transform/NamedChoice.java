package io.dynamocdc.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A constant users pick by name in a comma-separated option: a metadata column, a Lambda partition key.
 * The static helpers give every such option the same reading and the same error messages.
 */
public interface NamedChoice {

    /** The name users write (lower case). */
    String choiceName();

    /** The choice with this name (blanks and case ignored), or {@code null}. */
    static <E extends NamedChoice> E find(E[] choices, String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (E choice : choices) {
            if (choice.choiceName().equals(wanted)) {
                return choice;
            }
        }
        return null;
    }

    /** Every name, separated by ", ", for messages and docs. */
    static String names(NamedChoice[] choices) {
        StringBuilder names = new StringBuilder();
        for (NamedChoice choice : choices) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(choice.choiceName());
        }
        return names.toString();
    }

    /**
     * Reads a comma-separated list of names, in order, each at most once; blank entries are skipped.
     *
     * @param noun what a choice is called in messages ("column", "partition key")
     * @throws InvalidOptionException naming {@code option} for an unknown or repeated name
     */
    static <E extends Enum<E> & NamedChoice> List<E> parseList(String option, String text, E[] choices, String noun) {
        List<E> picked = new ArrayList<>();
        boolean[] seen = new boolean[choices.length];
        for (String name : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            E choice = find(choices, name);
            if (choice == null) {
                throw new InvalidOptionException(option, text,
                        "unknown " + noun + " '" + name.trim() + "': expected any of " + names(choices));
            }
            if (seen[choice.ordinal()]) {
                throw new InvalidOptionException(option, text, noun + " '" + name.trim() + "' is listed twice");
            }
            seen[choice.ordinal()] = true;
            picked.add(choice);
        }
        return picked;
    }
}
