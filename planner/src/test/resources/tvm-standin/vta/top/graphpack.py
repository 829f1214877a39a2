"""graph_pack stand-in: vta/python/vta/top/graphpack.py at apache/tvm v0.18.0.

get_subgraph is TVM's, line for line, on the stand-in expressions. The packing pass (ExprPack) is reduced to what
decides placement: which calls lie inside the packed region, which of them are convs with int32 output (packed for
VTA, run there), and the cases where TVM fails on a packed region.
"""
import tvm
from tvm import relay
from tvm.ir import Op
from tvm.relay.expr import Call, Constant, Function, Let, post_order


class BT(Exception):
    pass


def _operator_idx_inc(expr, count_meta, operator_current_idx):
    if isinstance(expr, Constant):
        operator_current_idx = operator_current_idx + 1 if count_meta else operator_current_idx
    else:
        operator_current_idx = operator_current_idx + 1
    return operator_current_idx


def get_subgraph(expr, start_name, stop_name, start_name_idx, stop_name_idx, count_meta):
    bitpack_start = Op.get("annotation.bitpack_start")
    bitpack_end = Op.get("annotation.bitpack_end")
    anf = relay.transform.ToANormalForm()(tvm.IRModule.from_expr(expr))["main"]
    operator_current_idx = 0

    def _recursion(anf, start_found, stop_found, operator_current_idx):
        if isinstance(anf, Function):
            return Function(anf.params, _recursion(anf.body, start_found, stop_found, operator_current_idx))
        if isinstance(anf, Let):
            value = anf.value
            if isinstance(value, Call):
                if isinstance(value.op, Op):
                    if value.op.name == start_name and not start_found:
                        if operator_current_idx == start_name_idx or start_name_idx is None:
                            value = Call(bitpack_start, [value], dtype=getattr(value, "dtype", None))
                            start_found = True
                    elif value.op.name == stop_name:
                        if operator_current_idx == stop_name_idx or stop_name_idx is None:
                            raise BT()

            operator_current_idx = _operator_idx_inc(value, count_meta, operator_current_idx)

            try:
                return Let(anf.var, value, _recursion(anf.body, start_found, stop_found, operator_current_idx))
            except BT:
                assert start_found
                assert not stop_found
                stop_found = True
                value = Call(bitpack_end, [value], dtype=getattr(value, "dtype", None))
                return Let(anf.var, value, anf.body)
        else:
            assert start_found
            assert stop_found
            return anf

    return _recursion(anf, False, False, operator_current_idx)


class PackedProgram(Function):
    """graph_pack's result; `packed` holds the uids of the calls inside the region, `vta` those of its int32 convs."""

    def __init__(self, params, body, packed, vta):
        super().__init__(params, body)
        self.packed = packed
        self.vta = vta


def _pack(annotated, cfactor):
    """ExprPack's walk in its visit order (the let order): the region runs from after bitpack_start's argument to
    bitpack_end's argument inclusive."""
    packed, vta, start_pack = [], [], False
    body = annotated.body
    while isinstance(body, Let):
        value = body.value
        if isinstance(value, Call) and value.op.name == "annotation.bitpack_start":
            assert not start_pack
            start_pack = True
        elif isinstance(value, Call) and value.op.name == "annotation.bitpack_end":
            inner = value.args[0]
            # _unpack_batch_channel transposes a 6-D tensor: anything else fails in TVM
            if not isinstance(inner, Call):
                raise TypeError("bitpack_end wraps a %s: the let before the stop is not a packed tensor"
                                % type(inner).__name__)
            packed.append(inner)
            start_pack = False
        elif start_pack and isinstance(value, Call):
            packed.append(value)
        body = body.body
    assert not start_pack
    for call in packed:
        name = call.op.name
        if name == "nn.conv2d":
            if call.dtype != "int32":
                raise TypeError("a %s nn.conv2d inside the packed region keeps layout NCHW on packed data: type "
                                "inference fails" % call.dtype)
            # _pack_weight asserts both channel counts are multiples of cfactor (output channels are padded first)
            assert call.attrs["in_channels"] % cfactor == 0, "input channels not a multiple of cfactor"
            assert call.attrs["groups"] == 1, "grouped conv on VTA's packed layout"
            vta.append(call)
        if name in ("nn.dense", "nn.batch_flatten"):
            raise TypeError("%s on packed (6-D) data inside the region: type inference fails" % name)
    return packed, vta


def graph_pack(expr, bfactor, cfactor, weight_bits, start_name="nn.max_pool2d", stop_name="nn.global_avg_pool2d",
               start_name_idx=None, stop_name_idx=None, count_meta=False, device_annot=False,
               annot_start_name="nn.conv2d", annot_end_name="annotation.stop_fusion"):
    assert isinstance(expr, Function)
    assert ((start_name != stop_name) or (start_name_idx is None != stop_name_idx is None)
            or (not (start_name_idx is None and stop_name_idx is None)) or (start_name_idx < stop_name_idx))
    annotated = get_subgraph(expr, start_name, stop_name, start_name_idx, stop_name_idx, count_meta)
    packed, vta = _pack(annotated, cfactor)
    if device_annot:
        # ExprLocator: the first int32 annot_start_name call must exist (TVM indexes [0])
        starts = [c for c in post_order(expr.body) if isinstance(c, Call) and c.op.name == annot_start_name
                  and c.dtype == "int32"]
        if not starts:
            raise KeyError((annot_start_name, "int32"))
    return PackedProgram(expr.params, annotated.body, packed, vta)
