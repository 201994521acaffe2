package io.dynamocdc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dynamo-cdc} command. */
@Command(name = "dynamo-cdc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "DynamoDB change data capture: turn DynamoDB stream records into analytics-ready rows; run a local DynamoDB + Streams emulator.",
        subcommands = {TransformCommand.class, EmulatorCommand.class, CommandLine.HelpCommand.class})
public final class DynamoCdc {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new DynamoCdc()).execute(args);
    }
}
