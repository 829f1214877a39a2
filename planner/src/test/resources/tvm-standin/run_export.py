"""Runs a hetplace TVM export against the stand-ins: python3 run_export.py PROGRAM.json SNIPPET.py.

PROGRAM.json is the float model as TVM's frontend would give it (hetplace layers with their Relay op names,
inputs in argument order, outputs). Prints JSON: the layers inside graph_pack's region, the layers that run on VTA
(its convs and the element-wise layers fused into them),
the convs and dense layers that were quantized, and whether `mod` (the detection tutorial's name) holds the
packed program like `relay_prog` (the classification tutorial's).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tvm  # noqa: E402
import vta  # noqa: E402
from tvm import relay  # noqa: E402
from tvm.ir import Op  # noqa: E402
from tvm.relay import quantize as q  # noqa: E402
from tvm.relay.expr import Call, Constant, Tuple, Var, children, post_order  # noqa: E402

# ops TOPI tags broadcast / element-wise, which FuseOps fuses after a conv and schedule_conv2d_packed runs on VTA's ALU
BROADCAST = {"add", "subtract", "multiply", "right_shift", "left_shift", "clip", "cast", "nn.relu", "maximum",
             "minimum"}


def fused_on_vta(body, vta_convs):
    """The hetplace layers (origins) other than the conv that TVM fuses into each VTA conv and runs on its ALU.

    FuseOps (src/relay/analysis/graph_partitioner.cc, RunFuse, kOutEWiseFusable) fuses a conv with the chain of
    element-wise / broadcast ops it is post-dominated by: here the calls that each have the previous one as their
    only consumer. Convs are taken in post-DFS order; a call already fused into an earlier conv's function ends the
    chain (CheckPath refuses a sink whose group is already out-elementwise-fusable), so a residual add of two convs
    fuses into its first argument's. vta_conv2d.py schedule_conv2d_packed then runs every such op on the ALU with
    its other tensor operands DMA-loaded (one conv per function)."""
    nodes = post_order(body)
    consumers = {}
    for n in nodes:
        for k in children(n):
            consumers.setdefault(k.uid, []).append(n)
    claimed, fused = set(), set()
    for n in nodes:
        if not (isinstance(n, Call) and n.op.name == "nn.conv2d" and n.origin in vta_convs):
            continue
        cur = n
        while len(consumers.get(cur.uid, [])) == 1:
            nxt = consumers[cur.uid][0]
            if not isinstance(nxt, Call) or nxt.op.name not in BROADCAST or nxt.uid in claimed:
                break
            claimed.add(nxt.uid)
            if nxt.origin is not None and nxt.origin != n.origin:
                fused.add(nxt.origin)
            cur = nxt
    return fused


def float_program(program):
    nodes = {}
    params = []
    for layer in program["layers"]:
        if layer["relay"] == "input":
            nodes[layer["id"]] = Var(layer["name"])
            params.append(nodes[layer["id"]])
            continue
        args = [nodes[i] for i in layer["inputs"]]
        attrs = {"channels": layer["outChannels"], "in_channels": layer["inChannels"], "groups": layer["groups"]}
        if layer["relay"] in ("nn.conv2d", "nn.dense"):
            args.append(Constant((layer["outChannels"], layer["inChannels"])))
        if layer["relay"] == "concatenate":
            args = [Tuple(args)]
        nodes[layer["id"]] = Call(Op.get(layer["relay"]), args, attrs=attrs, origin=layer["id"])
    outs = [nodes[i] for i in program["outputs"]]
    body = outs[0] if len(outs) == 1 else Tuple(outs)
    return relay.Function(params, body)


def main():
    program = json.load(open(sys.argv[1]))
    snippet = open(sys.argv[2]).read()
    quantized = []
    real_quantize = q.quantize

    def recording_quantize(mod, params=None, dataset=None):
        result = real_quantize(mod, params=params, dataset=dataset)
        quantized.append(result)
        return result

    q.quantize = recording_quantize
    env = {"mod": tvm.IRModule.from_expr(float_program(program)), "params": {}, "env": vta.get_env(),
           "__name__": "__main__"}
    exec(compile(snippet, sys.argv[2], "exec"), env)
    packed = env["relay_prog"]
    calls = [c for c in post_order(quantized[-1]["main"].body) if isinstance(c, Call) and c.origin is not None]
    result = {
        "packed": sorted({c.origin for c in packed.packed if c.origin is not None}),
        "vta": sorted({c.origin for c in packed.vta}
                      | fused_on_vta(quantized[-1]["main"].body, {c.origin for c in packed.vta})),
        "quantizedConvs": sorted({c.origin for c in calls if c.op.name == "nn.conv2d" and c.dtype == "int32"}),
        "quantizedDense": sorted({c.origin for c in calls if c.op.name == "nn.dense" and c.dtype == "int32"}),
        "modIsPacked": env["mod"] is packed,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
