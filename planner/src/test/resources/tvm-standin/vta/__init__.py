"""Stand-in for TVM's vta package (v0.18.0): the environment of the default VTA configuration (vta_config.json:
LOG_BATCH 0, LOG_BLOCK 4, LOG_WGT_WIDTH 3)."""
from . import top


class Environment:
    BATCH = 1
    BLOCK_IN = 16
    BLOCK_OUT = 16
    WGT_WIDTH = 8
    INP_WIDTH = 8
    ACC_WIDTH = 32
    TARGET = "pynq"


def get_env():
    return Environment()
