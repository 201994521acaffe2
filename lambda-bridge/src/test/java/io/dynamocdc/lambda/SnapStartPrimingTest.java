package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void primingRunsTheBuiltInBatchWithoutLoggingAnything() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of(), log::add);
        log.clear();
        SnapStartPriming priming = new SnapStartPriming(bridge);

        priming.beforeCheckpoint(null);

        assertThat(priming.primedRecords()).isEqualTo(SnapStartPriming.ROUNDS * 6);
        assertThat(log).isEmpty();
        priming.afterRestore(null);
    }

    @Test
    void thePrimingBatchCoversEveryResult() {
        FirehoseResponse response = LambdaBridge.fromEnvironment(Map.of(), log::add)
                .transformQuietly(SnapStartPriming.primingEvent());

        assertThat(response.count(TransformationResult.OK)).isEqualTo(5);
        assertThat(response.count(TransformationResult.PROCESSING_FAILED)).isEqualTo(1);
    }

    @Test
    void aMisconfiguredFunctionPrimesNothingAndDoesNotThrow() {
        SnapStartPriming priming = new SnapStartPriming(LambdaBridge.fromEnvironment(Map.of("CDC_OUTPUT_FORMAT", "csv"), log::add));

        assertThat(priming.prime()).isZero();
    }

    @Test
    void theHandlerRegistersItsPrimingOnLoad() {
        new FirehoseTransformHandler();

        assertThat(FirehoseTransformHandler.priming()).isNotNull();
    }
}
