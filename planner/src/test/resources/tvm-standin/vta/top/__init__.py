from .graphpack import graph_pack
