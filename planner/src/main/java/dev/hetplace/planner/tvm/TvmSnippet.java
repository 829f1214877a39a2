package dev.hetplace.planner.tvm;

import dev.hetplace.planner.PlacementResult;

/** The ready-to-paste Python for TVM's VTA deployment flow (vta/tutorials deploy_classification style). */
final class TvmSnippet {
    private TvmSnippet() {
    }

    static String python(PlacementResult r, TvmPackArgs a) {
        StringBuilder s = new StringBuilder();
        s.append("# hetplace plan: ").append(r.modelName()).append(" on ").append(r.problem().table().platform().name())
                .append(", objective ").append(r.problem().objective().id()).append('\n');
        s.append("# Paste after building `mod, params` (e.g. relay.frontend.from_mxnet / from_onnx) with `env = vta.get_env()`.\n");
        s.append("import tvm\nfrom tvm import relay\nfrom vta.top import graph_pack\n\n");
        boolean needIdx = a.startCount() > 1 || a.stopCount() > 1;
        if (needIdx) {
            s.append("""
                    def call_position(expr, op_name, occurrence):
                        \"\"\"graph_pack's index of the occurrence-th call to op_name: it walks the program in A-normal
                        form and counts every let-bound value except constants (count_meta=False).\"\"\"
                        anf = relay.transform.ToANormalForm()(tvm.IRModule.from_expr(expr))["main"].body
                        index, seen = 0, 0
                        while isinstance(anf, relay.Let):
                            value = anf.value
                            if isinstance(value, relay.Call) and isinstance(value.op, tvm.ir.Op) and value.op.name == op_name:
                                if seen == occurrence:
                                    return index
                                seen += 1
                            if not isinstance(value, relay.Constant):
                                index += 1
                            anf = anf.body
                        raise ValueError("no call %d of %s" % (occurrence, op_name))


                    """);
        }
        s.append("with relay.quantize.qconfig(global_scale=8.0, skip_conv_layers=")
                .append(TvmExport.pyList(a.skipConvLayers())).append(", skip_dense_layer=")
                .append(a.skipDenseLayer() ? "True" : "False").append("):\n");
        s.append("    mod = relay.quantize.quantize(mod, params=params)\n");
        String startIdx = a.startCount() > 1
                ? "call_position(mod[\"main\"], \"" + a.startName() + "\", " + a.startOccurrence() + ")" : "None";
        String stopIdx = a.stopName() != null && a.stopCount() > 1
                ? "call_position(mod[\"main\"], \"" + a.stopName() + "\", " + a.stopOccurrence() + ")" : "None";
        s.append("relay_prog = graph_pack(\n    mod[\"main\"], env.BATCH, env.BLOCK_OUT, env.WGT_WIDTH,\n")
                .append("    start_name=\"").append(a.startName()).append("\", stop_name=")
                .append(a.stopName() == null ? "None" : "\"" + a.stopName() + "\"").append(",\n")
                .append("    start_name_idx=").append(startIdx).append(", stop_name_idx=").append(stopIdx).append(")\n");
        return s.toString();
    }
}
