"""tvm.ir: Op and IRModule."""


class Op:
    _registry = {}

    def __init__(self, name):
        self.name = name

    @staticmethod
    def get(name):
        if name not in Op._registry:
            Op._registry[name] = Op(name)
        return Op._registry[name]

    def __repr__(self):
        return "Op(%s)" % self.name


class IRModule:
    def __init__(self, functions):
        self.functions = dict(functions)

    @staticmethod
    def from_expr(expr):
        from .relay.expr import Function
        if not isinstance(expr, Function):
            expr = Function([], expr)
        return IRModule({"main": expr})

    def __getitem__(self, name):
        return self.functions[name]
