"""relay.transform.ToANormalForm / ToGraphNormalForm / InferType."""
from ..transform import Pass
from .expr import Call, Constant, Function, Let, Tuple, Var, post_order


def ToANormalForm():
    """One let per value, in post-order, constants included (graph_pack's count_meta decides whether they count)."""
    def run(mod):
        from ..ir import IRModule
        func = mod["main"]
        values = [e for e in post_order(func.body) if isinstance(e, (Call, Tuple, Constant))]
        body = Var("result")
        binding = {}
        lets = []
        for v in values:
            var = Var("x%d" % len(lets))
            binding[v.uid] = var
            lets.append((var, v))
        body = lets[-1][0] if lets else func.body
        for var, v in reversed(lets):
            body = Let(var, v, body)
        return IRModule({"main": Function(func.params, body)})
    return Pass(run)


def ToGraphNormalForm():
    return Pass(lambda mod: mod)


def InferType():
    return Pass(lambda mod: mod)
