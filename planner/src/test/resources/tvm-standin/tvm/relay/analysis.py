"""relay.analysis.post_order_visit."""
from .expr import Function, post_order


def post_order_visit(expr, fvisit):
    for e in post_order(expr.body if isinstance(expr, Function) else expr):
        fvisit(e)
