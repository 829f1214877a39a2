"""tvm.transform.PassContext: the opt_level the quantize pass runs under."""


class PassContext:
    _stack = []

    def __init__(self, opt_level=2, required_pass=None, disabled_pass=None, instruments=None, config=None):
        self.opt_level = opt_level
        self.disabled_pass = set(disabled_pass or [])

    def __enter__(self):
        PassContext._stack.append(self)
        return self

    def __exit__(self, *exc):
        PassContext._stack.pop()

    @staticmethod
    def current():
        return PassContext._stack[-1] if PassContext._stack else PassContext()


class Pass:
    def __init__(self, fn):
        self.fn = fn

    def __call__(self, mod):
        return self.fn(mod)
