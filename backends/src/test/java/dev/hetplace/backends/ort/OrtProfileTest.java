package dev.hetplace.backends.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.24.2's profile events as it wrote them for squeezenet1_1.onnx's export with fire3's expand 1x1 in
 * fp32 (1 thread, 2026-12-02): the stem pool as NCHWc float, fire3's pool as the plain uint8 MaxPool, and a
 * DequantizeLinear after it; a session event, which is no node kernel, is left out.
 */
class OrtProfileTest {
    private static final String TRACE = """
            [{"cat" : "Session","pid" :27863,"tid" :27863,"dur" :181,"ts" :4,"ph" : "X","name" :"model_run","args" : {}},
            {"cat" : "Node","pid" :27863,"tid" :27865,"dur" :489,"ts" :28530,"ph" : "X","name" :"/features/features.2/\
            MaxPool_nchwc_kernel_time","args" : {"thread_scheduling_stats" : "","output_type_shape" : [{"float":[1,64,\
            55,55]}],"output_size" : "774400","parameter_size" : "0","activation_size" : "3154176","node_index" : "164"\
            ,"input_type_shape" : [{"float":[1,64,111,111]}],"provider" : "CPUExecutionProvider","op_name" : "MaxPool"}},
            {"cat" : "Node","pid" :27863,"tid" :27865,"dur" :1038,"ts" :30931,"ph" : "X","name" :"/features/features.5/\
            MaxPool_kernel_time","args" : {"thread_scheduling_stats" : "","output_type_shape" : [{"uint8":[1,128,27,27\
            ]}],"output_size" : "93312","parameter_size" : "0","activation_size" : "387200","node_index" : "50","input\
            _type_shape" : [{"uint8":[1,128,55,55]}],"provider" : "CPUExecutionProvider","op_name" : "MaxPool"}},
            {"cat" : "Node","pid" :27863,"tid" :27865,"dur" :17,"ts" :31978,"ph" : "X","name" :"dq_kernel_time","args"\
             : {"input_type_shape" : [{"uint8":[1,128,27,27]},{"float":[]},{"uint8":[]}],"provider" : "CPUExecutionPro\
            vider","op_name" : "DequantizeLinear"}}]""";

    @Test
    void nodeKernelsKeepTheirOpProviderTimeAndFirstInputType() {
        OrtProfile p = OrtProfile.parse(TRACE);
        assertThat(p.events()).containsExactly(
                new OrtProfile.NodeTime("/features/features.2/MaxPool_nchwc", "MaxPool", "CPUExecutionProvider", 489,
                        "float"),
                new OrtProfile.NodeTime("/features/features.5/MaxPool", "MaxPool", "CPUExecutionProvider", 1038,
                        "uint8"),
                new OrtProfile.NodeTime("dq", "DequantizeLinear", "CPUExecutionProvider", 17, "uint8"));
    }

    @Test
    void aNodeWithoutInputTypesHasAnEmptyOneAndATraceThatIsNoJsonIsRefused() {
        OrtProfile p = OrtProfile.parse("[{\"cat\":\"Node\",\"dur\":5,\"name\":\"x_kernel_time\",\"args\":{\"op_name\""
                + ":\"Relu\",\"provider\":\"CPUExecutionProvider\"}}]");
        assertThat(p.events()).containsExactly(new OrtProfile.NodeTime("x", "Relu", "CPUExecutionProvider", 5, ""));
        assertThat(catchThrowable(() -> OrtProfile.parse("{not json")))
                .isInstanceOf(OrtRunException.class).hasMessageStartingWith("ONNX Runtime's profile is not JSON: ");
    }
}
