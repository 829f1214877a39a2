"""relay.quantize stand-in: qconfig with TVM's keys and defaults, quantize as annotate + realize rewrite the program.

Sources (apache/tvm v0.19.0): python/tvm/relay/quantize/quantize.py (QConfig._node_defaults, qconfig,
QuantizeContext.check_to_skip), python/tvm/relay/quantize/_annotate.py (the rewrite rules), src/relay/quantize/
realize.cc (the calls a requantize becomes).
"""
from ..ir import IRModule, Op
from ..transform import PassContext
from .expr import Call, Constant, Function, Tuple, post_order

# QConfig._node_defaults, python/tvm/relay/quantize/quantize.py (v0.19.0)
NODE_DEFAULTS = {
    "nbit_input": 8,
    "nbit_weight": 8,
    "nbit_activation": 32,
    "dtype_input": "int8",
    "dtype_weight": "int8",
    "dtype_activation": "int32",
    "calibrate_mode": "global_scale",
    "global_scale": 8.0,
    "weight_scale": "power2",
    "skip_dense_layer": True,
    "skip_conv_layers": [0],
    "do_simulation": False,
    "round_for_shift": True,
    "debug_enabled_ops": None,
    "rounding": "UPWARD",
    "calibrate_chunk_by": -1,
    "partition_conversions": "disabled",
}


class QConfig:
    _stack = []

    def __init__(self, values):
        self.__dict__.update(values)

    def __enter__(self):
        QConfig._stack.append(self)
        return self

    def __exit__(self, *exc):
        QConfig._stack.pop()


def qconfig(**kwargs):
    # TVM keeps only the keys of _node_defaults and drops the rest without a word; a key TVM would drop means the
    # export does not configure what it claims to, so the stand-in refuses it
    unknown = sorted(k for k in kwargs if k not in NODE_DEFAULTS)
    if unknown:
        raise TypeError("qconfig: TVM would silently ignore %s (known keys: %s)" % (unknown, sorted(NODE_DEFAULTS)))
    return QConfig({k: kwargs.get(k, v) for k, v in NODE_DEFAULTS.items()})


def current_qconfig():
    return QConfig._stack[-1] if QConfig._stack else QConfig(dict(NODE_DEFAULTS))


IDENTITY = {"nn.relu", "clip", "reshape", "strided_slice", "nn.avg_pool2d", "nn.batch_flatten", "transpose",
            "annotation.stop_fusion"}


def _call(name, args, dtype, origin=None, attrs=None):
    return Call(Op.get(name), args, attrs=attrs, dtype=dtype, origin=origin)


class _Realizer:
    """The quantized program: each float call rewritten as annotate + realize would, in visit order."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.skip = set(int(i) for i in (cfg.skip_conv_layers or []))
        self.conv_counter = 0
        self.stopped = False

    def check_to_skip(self, name):
        # QuantizeContext.check_to_skip: after stop_quantize everything is skipped; the nn.conv2d counter counts
        # in visit order, index 0 first
        if self.stopped:
            return True
        if name == "nn.conv2d":
            index = self.conv_counter
            self.conv_counter += 1
            return index in self.skip
        return False

    @staticmethod
    def to_int8(e, kind):
        if kind == "int8":
            return e
        if kind == "int32":
            # requantize with round_for_shift: add 2^(s-1), right shift, clip, cast (realize.cc)
            e = _call("add", [e, Constant(())], "int32")
            e = _call("right_shift", [e, Constant(())], "int32")
            e = _call("clip", [e], "int32")
            return _call("cast", [e], "int8")
        e = _call("multiply", [e, Constant(())], "float32")
        e = _call("round", [e], "float32")
        e = _call("clip", [e], "float32")
        return _call("cast", [e], "int8")

    @staticmethod
    def to_float(e, kind):
        if kind is None:
            return e
        e = _call("cast", [e], "float32")
        return _call("multiply", [e, Constant(())], "float32")

    def rewrite(self, node, args):
        name = node.op.name
        origin = node.origin
        attrs = node.attrs
        skipped = self.check_to_skip(name)
        if name == "nn.conv2d":
            (x, kx), weight = args[0], node.args[1]
            if skipped:
                c = _call("nn.conv2d", [self.to_float(x, kx), weight], "float32", origin, attrs)
                return _call("add", [c, Constant((attrs["channels"], 1, 1))], "float32", origin), None
            c = _call("nn.conv2d", [self.to_int8(x, kx), weight], "int32", origin, attrs)
            # the bias, an nn.bias_add that CanonicalizeOps turned into an add (canonicalize_ops.cc)
            return _call("add", [c, Constant((attrs["channels"], 1, 1))], "int32", origin), "int32"
        if name == "nn.dense":
            (x, kx), weight = args[0], node.args[1]
            if skipped or self.cfg.skip_dense_layer:
                return _call("nn.dense", [self.to_float(x, kx), weight], "float32", origin, attrs), None
            return _call("nn.dense", [self.to_int8(x, kx), weight], "int32", origin, attrs), "int32"
        if name == "nn.batch_norm":
            # SimplifyInference: a multiply and an add by per-channel constants (simplify_inference.cc)
            (x, kx), = args
            scale, shift = Constant((attrs["channels"], 1, 1)), Constant((attrs["channels"], 1, 1))
            if skipped or kx is None:
                m = _call("multiply", [self.to_float(x, kx), scale], "float32", origin)
                return _call("add", [m, shift], "float32", origin), None
            x = x if x.dtype == "int32" else _call("cast", [x], "int32")
            m = _call("multiply", [x, scale], "int32", origin)
            return _call("add", [m, shift], "int32", origin), "int32"
        kinds = [k for _, k in args]
        if skipped or all(k is None for k in kinds):
            return _call(name, [self.to_float(e, k) for e, k in args], "float32", origin, attrs), None
        if name == "nn.global_avg_pool2d":
            # global_avg_pool2d_rewrite: realize the input, then stop quantizing (_annotate.py)
            (x, kx), = args
            self.stopped = True
            return _call(name, [self.to_float(x, kx)], "float32", origin, attrs), None
        if name in ("nn.max_pool2d",):
            (x, kx), = args
            return _call(name, [self.to_int8(x, kx)], "int8", origin, attrs), "int8"
        if name in IDENTITY:
            (x, kx), = args
            return _call(name, [x], x.dtype, origin, attrs), kx
        if name == "add":
            ints = [self.to_int8(e, k) if k != "int32" else e for e, k in args]
            ints = [e if e.dtype == "int32" else _call("cast", [e], "int32") for e in ints]
            return _call("add", ints, "int32", origin, attrs), "int32"
        if name == "concatenate":
            fields = [self.to_int8(e, k) for e, k in args]
            return _call(name, [Tuple(fields)], "int8", origin, attrs), "int8"
        # no annotate rule: the inputs are realized back to float
        return _call(name, [self.to_float(e, k) for e, k in args], "float32", origin, attrs), None


def quantize(mod, params=None, dataset=None):
    if PassContext.current().opt_level < 3:
        raise RuntimeError("quantize outside PassContext(opt_level=3): FoldScaleAxis and CanonicalizeOps do not "
                           "run, batch norms stay unfolded and nn.bias_add has no annotate rule, so the quantized "
                           "program is not the one priced")
    func = mod["main"]
    realizer = _Realizer(current_qconfig())
    new = {}
    for node in post_order(func.body):
        if isinstance(node, Call):
            args = []
            for a in node.args:
                if isinstance(a, Tuple):
                    args.extend(new[f.uid] for f in a.fields)
                elif isinstance(a, Call):
                    args.append(new[a.uid])
                elif isinstance(a, Constant):
                    continue
                else:
                    args.append((a, None))
            new[node.uid] = realizer.rewrite(node, args)
    out, kind = new[func.body.uid]
    return IRModule({"main": Function(func.params, realizer.to_float(out, kind))})
