package dev.hetplace.planner.onnx;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.Executor;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ModelInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxSmokeTest {
    @Test
    void smoke() {
        for (String name : List.of("resnet18", "mobilenet_v2", "yolov3-tiny")) {
            ModelInput m = ModelInput.load(name);
            Parallel par = Parallel.common();
            CalibrationInputs in = CalibrationInputs.synthetic(m.graph(), 2, 1);
            CalibratedModel cm = CalibratedModel.prepare(m.grouped(), WeightMode.AUTO, 1, CalibrationMode.MAX, in, par);
            for (Precision p : List.of(Precision.FP32, Precision.INT8, Precision.FP16)) {
                OnnxModels x = OnnxExport.of(m.grouped(), ExecutionPlan.allCpu(m.grouped(), p), cm.weights(), cm.scales(), "t");
                long t0 = System.nanoTime();
                try (OrtModel o = OrtModel.open(x.whole().toByteArray(), name, OrtSettings.threads(2))) {
                    Map<String, float[]> r = o.run(Map.of(x.inputs().get(0), in.sample(0)[0]));
                    float[] ort = r.get(x.outputs().get(0));
                    float[] ref = new Executor(cm.weights(), cm.scales(), par).runFp32(m.graph(), in.sample(0)).get(0);
                    double maxAbs = 0, maxErr = 0;
                    for (int i = 0; i < ref.length; i++) {
                        maxAbs = Math.max(maxAbs, Math.abs(ref[i]));
                        maxErr = Math.max(maxErr, Math.abs(ref[i] - ort[i]));
                    }
                    System.out.printf("%s %s: rel err %.3g (%.1f ms)%n", name, p, maxErr / maxAbs, (System.nanoTime() - t0) / 1e6);
                } catch (RuntimeException e) {
                    System.out.println(name + " " + p + ": " + e.getMessage());
                }
            }
        }
    }
}
