"""Stand-in for the parts of Apache TVM (v0.18.0) that hetplace's VTA export calls; see ../README.md."""
import os

from . import ir
from . import transform
from .ir import IRModule

# the harness sets the version under test (the snippet refuses TVM newer than v0.18)
__version__ = os.environ.get("HETPLACE_STANDIN_TVM_VERSION", "0.18.0")

from . import relay  # noqa: E402  (relay imports tvm.ir)
