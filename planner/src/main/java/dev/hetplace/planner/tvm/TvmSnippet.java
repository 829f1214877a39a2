package dev.hetplace.planner.tvm;

import dev.hetplace.planner.run.PlacementResult;

/**
 * The ready-to-paste Python for TVM's VTA deployment flow, in the form of the tutorials' quantize + graph_pack
 * block (vta/tutorials/frontend/deploy_classification.py, quantize inside {@code PassContext(opt_level=3)} so
 * that FoldScaleAxis and CanonicalizeOps fold batch norms and bias adds first; deploy_detection.py, which builds
 * {@code mod} where the classification tutorial builds {@code relay_prog}).
 */
final class TvmSnippet {
    /** TVM releases the snippet runs on: VTA and graph_pack were removed after v0.18.0 (apache/tvm PR 17542). */
    static final String TVM_VERSIONS = "TVM with VTA: v0.18.0 or older";

    private TvmSnippet() {
    }

    static String python(PlacementResult r, TvmPackArgs a) {
        StringBuilder s = new StringBuilder();
        s.append("# hetplace plan: ").append(r.modelName()).append(" on ").append(r.problem().table().platform().name())
                .append(", objective ").append(r.problem().objective().id()).append('\n');
        s.append("# Needs ").append(TVM_VERSIONS).append(" (relay.quantize and vta.top.graph_pack).\n");
        s.append("# Paste after `mod, params = relay.frontend.from_...(...)` and `env = vta.get_env()`, in place of the\n");
        s.append("# tutorial's quantize + graph_pack block; both `relay_prog` and `mod` hold the packed program.\n");
        s.append("""
                import re
                import sys

                import tvm
                from tvm import relay

                if tuple(int(x) for x in re.findall(r"\\d+", tvm.__version__)[:2]) > (0, 18):
                    raise RuntimeError("this hetplace export needs TVM with VTA, v0.18.0 or older (VTA and graph_pack "
                                       "were removed after v0.18.0); found TVM " + tvm.__version__)
                try:
                    import vta
                    from vta.top import graph_pack
                except ImportError as error:
                    raise RuntimeError("this hetplace export needs TVM's vta package (TVM v0.18.0 or older with "
                                       "vta/python on PYTHONPATH): %s" % error)


                # graph_pack's get_subgraph recurses once per let-bound value: deep models (resnet101) pass 1,000
                sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))


                def call_position(func, op_name, occurrence):
                    \"\"\"graph_pack's start_name_idx / stop_name_idx of the occurrence-th call to op_name (0 = first,
                    -1 = last): its position among the let-bound values of the A-normal form, constants not counted
                    (count_meta=False), as vta/top/graphpack.py get_subgraph counts.\"\"\"
                    anf = relay.transform.ToANormalForm()(tvm.IRModule.from_expr(func))["main"].body
                    index, positions = 0, []
                    while isinstance(anf, relay.Let):
                        value = anf.value
                        if isinstance(value, relay.Call) and isinstance(value.op, tvm.ir.Op) and value.op.name == op_name:
                            positions.append(index)
                        if not isinstance(value, relay.Constant):
                            index += 1
                        anf = anf.body
                    if not -len(positions) <= occurrence < len(positions):
                        raise ValueError("the quantized program has %d calls of %s; call %d was asked for"
                                         % (len(positions), op_name, occurrence))
                    return positions[occurrence]


                """);
        if (a.stop() != null && a.stop().globalPool()) {
            s.append("""
                    def global_pool_op(func):
                        \"\"\"The frontend's global average pool: from_pytorch emits nn.adaptive_avg_pool2d.\"\"\"
                        found = []
                        relay.analysis.post_order_visit(func, lambda e: found.append(
                            isinstance(e, relay.Call) and isinstance(e.op, tvm.ir.Op) and e.op.name == "nn.global_avg_pool2d"))
                        return "nn.global_avg_pool2d" if any(found) else "nn.adaptive_avg_pool2d"


                    """);
        }
        s.append("with tvm.transform.PassContext(opt_level=3):\n");
        s.append("    with relay.quantize.qconfig(global_scale=8.0, skip_conv_layers=")
                .append(TvmExport.pyList(a.skipConvLayers())).append(", skip_dense_layer=")
                .append(a.skipDenseLayer() ? "True" : "False").append("):\n");
        s.append("        mod = relay.quantize.quantize(mod, params=params)\n");
        s.append("    func = mod[\"main\"]\n");
        String stopName;
        if (a.toEnd()) {
            s.append("    # the region runs to the end: stop at a copy of the output (graph_pack cannot stop at no op)\n");
            s.append("    func = relay.Function(list(func.params), relay.copy(func.body))\n");
            stopName = "\"copy\"";
            s.append("    stop_name = ").append(stopName).append('\n');
            s.append("    stop_idx = call_position(func, stop_name, -1)\n");
        } else {
            s.append("    stop_name = ").append(a.stop().globalPool() ? "global_pool_op(func)"
                    : "\"" + a.stop().opName() + "\"").append('\n');
            s.append("    stop_idx = call_position(func, stop_name, ").append(a.stop().occurrence()).append(")\n");
        }
        s.append("    start_name = \"").append(a.start().opName()).append("\"\n");
        s.append("    start_idx = call_position(func, start_name, ").append(a.start().occurrence()).append(")\n");
        s.append("""
                    relay_prog = graph_pack(
                        func, env.BATCH, env.BLOCK_OUT, env.WGT_WIDTH,
                        start_name=start_name, stop_name=stop_name, start_name_idx=start_idx, stop_name_idx=stop_idx,
                        device_annot=(env.TARGET == "intelfocl"))
                mod = relay_prog
                """);
        return s.toString();
    }
}
