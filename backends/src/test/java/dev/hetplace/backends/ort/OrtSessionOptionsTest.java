package dev.hetplace.backends.ort;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

/** The session options timing depends on: spinning pools stop when their run returns (sessions side by side). */
class OrtSessionOptionsTest {
    @Test
    void spinningPoolsStopSpinningWhenTheirRunReturns() throws OrtException {
        OrtRuntime.environment();
        try (OrtSession.SessionOptions o = OrtModel.options(OrtSettings.threads(2), null)) {
            assertThat(o.getConfigEntries())
                    .containsEntry("session.intra_op.allow_spinning", "1")
                    .containsEntry("session.force_spinning_stop", "1")
                    .containsEntry("session.record_ep_graph_assignment_info", "1");
        }
    }

    @Test
    void poolsWithoutSpinningHaveNothingToStop() throws OrtException {
        OrtRuntime.environment();
        OrtSettings still = new OrtSettings(2, false, true, false);
        try (OrtSession.SessionOptions o = OrtModel.options(still, null)) {
            assertThat(o.getConfigEntries())
                    .containsEntry("session.intra_op.allow_spinning", "0")
                    .containsEntry("session.force_spinning_stop", "0");
        }
    }
}
