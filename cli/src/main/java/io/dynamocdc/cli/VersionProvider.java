package io.dynamocdc.cli;

import io.dynamocdc.transform.Version;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dynamo-cdc " + Version.get()};
    }
}
