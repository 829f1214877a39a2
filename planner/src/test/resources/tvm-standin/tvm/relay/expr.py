"""The Relay expressions the export touches. `origin` ties a call of the quantized program to the hetplace layer
it was rewritten from (None for calls quantization added)."""
import itertools

_ids = itertools.count()


class Expr:
    def __init__(self):
        self.uid = next(_ids)


class Var(Expr):
    def __init__(self, name_hint):
        super().__init__()
        self.name_hint = name_hint


class Constant(Expr):
    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)


class Call(Expr):
    def __init__(self, op, args, attrs=None, dtype="float32", origin=None, shape=None):
        super().__init__()
        self.op = op
        self.args = list(args)
        self.attrs = attrs or {}
        self.dtype = dtype
        self.origin = origin
        self.shape = shape


class Tuple(Expr):
    def __init__(self, fields):
        super().__init__()
        self.fields = list(fields)


class Let(Expr):
    def __init__(self, var, value, body):
        super().__init__()
        self.var = var
        self.value = value
        self.body = body


class Function(Expr):
    def __init__(self, params, body, ret_type=None, type_params=None, attrs=None):
        super().__init__()
        self.params = list(params)
        self.body = body
        self.ret_type = ret_type
        self.type_params = type_params
        self.attrs = attrs


def children(e):
    if isinstance(e, Call):
        return e.args
    if isinstance(e, Tuple):
        return e.fields
    return []


def post_order(root):
    """Each node once, arguments left to right before the node (the order ToANormalForm binds them in)."""
    seen, out, stack = set(), [], [(root, 0)]
    seen.add(root.uid)
    while stack:
        node, i = stack.pop()
        kids = children(node)
        if i < len(kids):
            stack.append((node, i + 1))
            kid = kids[i]
            if kid.uid not in seen:
                seen.add(kid.uid)
                stack.append((kid, 0))
        else:
            out.append(node)
    return out
