package dev.hetplace.backends.sensitivity;

import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import java.util.Map;

/** Sees a sensitivity measurement advance, one group at a time (all its precisions measured). */
public interface SensitivityProgress {
    SensitivityProgress NONE = new SensitivityProgress() {
    };

    /** {@code groups} groups will be measured at these precisions on {@code samples} inputs. */
    default void started(int groups, java.util.List<Precision> precisions, int samples) {
    }

    /** Group {@code done} of {@code total} is measured: its noise in ppb at each precision. */
    default void group(int done, int total, Group group, Map<Precision, Long> noisePpb, long elapsedNs) {
    }

    default void finished(long elapsedNs) {
    }

    /** The cached sensitivities in {@code file} are damaged ({@code why}) and will be measured again. */
    default void repairing(java.nio.file.Path file, String why) {
    }
}
