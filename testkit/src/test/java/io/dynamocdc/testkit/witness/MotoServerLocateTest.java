package io.dynamocdc.testkit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A machine without moto must fail the witness, with the way to install it, and never skip it. */
class MotoServerLocateTest {

    @Test
    void aMissingMotoServerFailsWithTheInstallCommand(@TempDir Path empty) {
        assertThatThrownBy(() -> MotoServer.locate(empty.toString()))
                .isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("moto_server is not on PATH")
                .hasMessageContaining("pip install 'moto[server]'");
    }

    @Test
    void anExecutableMotoServerOnThePathIsFound(@TempDir Path bin) throws Exception {
        Path motoServer = Files.createFile(bin.resolve("moto_server"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(MotoServer.locate("/nonexistent:" + bin)).isEqualTo(motoServer);
    }
}
