"""Runs a hetplace TVM export against the stand-ins: python3 run_export.py PROGRAM.json SNIPPET.py.

PROGRAM.json is the float model as TVM's frontend would give it (hetplace layers with their Relay op names,
inputs in argument order, outputs). Prints JSON: the layers inside graph_pack's region, the convs that run on VTA,
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
from tvm.relay.expr import Call, Constant, Tuple, Var, post_order  # noqa: E402


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
        "vta": sorted({c.origin for c in packed.vta}),
        "quantizedConvs": sorted({c.origin for c in calls if c.op.name == "nn.conv2d" and c.dtype == "int32"}),
        "quantizedDense": sorted({c.origin for c in calls if c.op.name == "nn.dense" and c.dtype == "int32"}),
        "modIsPacked": env["mod"] is packed,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
