#!/usr/bin/python3
"""Exports the hetplace corpus: torchvision 0.14 classification and segmentation models plus two torch.nn
transformers, as graph-only ONNX files (float weights stripped to their shape) with a table of what torch
counts for each (parameters, conv / linear / matmul MACs).

Run by hand with Debian's python3 (torch 1.13, torchvision 0.14, onnx), from the repository root:

    nice -n 10 /usr/bin/python3 models/corpus/export.py            # every model not yet in corpus.csv
    nice -n 10 /usr/bin/python3 models/corpus/export.py vit_b_16   # re-export the named ones

    nice -n 10 /usr/bin/python3 models/corpus/export.py --with-values resnet18   # the slower route, to compare

By default torch writes the graph without the parameters' values (export_params=False) and each is given back
as an initializer (shape-only where stripping would strip it): 1.2 to 3x faster than writing them and stripping
them again, and byte-identical to it (see README.md). --with-values takes the older route (export_params=True,
then strip) for that comparison.

A worker process exports the models one after another; one that fails is reported and the run goes on
(if the worker dies, e.g. out of memory, a new one takes the rest). corpus.csv is rewritten after each
model, sorted by name. See README.md in this folder.
"""
import csv
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "corpus.csv")
FIELDS = ["name", "kind", "input_shape", "input_dtype", "params", "conv_macs", "linear_macs", "matmul_macs",
          "onnx_bytes"]
SEGMENTATION = ["fcn_resnet50", "deeplabv3_resnet50", "lraspp_mobilenet_v3_large"]
TRANSFORMERS = ["bert_base_encoder", "gpt2_small_decoder"]
# Left out of the default run: 632 M and 645 M parameters (a float32 export of 2.5 GB, over protobuf's 2 GiB
# limit for one ONNX file with values). The default route writes no values, so they export when named on the
# command line, but the model and one forward pass need several GiB of this shared machine's memory.
SKIPPED = {"vit_h_14": "632 M parameters: a 2.5 GB float32 export with values; several GiB to build and run",
           "regnet_y_128gf": "645 M parameters: a 2.6 GB float32 export with values; several GiB to build and run"}
# Float initializers with at least this many elements lose their data (dims and type stay).
STRIP_AT = 64
SEQ = 128


def classification_names():
    import torchvision.models._api as api
    out = []
    for name in api.list_models():
        module = api.get_model_builder(name).__module__.split(".")
        if len(module) == 3 and name not in SKIPPED:  # torchvision.models.<family>; sub-packages are other tasks
            out.append(name)
    return sorted(out)


# Exported first (the machine is slow and shared): the models the issue names, then one of each family.
FIRST = ["gpt2_small_decoder", "shufflenet_v2_x1_0", "vit_b_16", "swin_t", "convnext_tiny", "densenet121",
         "efficientnet_b0", "inception_v3", "mobilenet_v3_large", "mobilenet_v3_small", "lraspp_mobilenet_v3_large",
         "mnasnet1_0", "regnet_x_400mf", "regnet_y_400mf", "squeezenet1_0", "googlenet", "resnet18", "resnet50",
         "alexnet", "swin_v2_t", "maxvit_t", "efficientnet_v2_s", "fcn_resnet50", "deeplabv3_resnet50",
         "resnext50_32x4d", "vgg11_bn", "vit_b_32"]


def all_names():
    rest = [n for n in TRANSFORMERS + classification_names() + SEGMENTATION if n not in FIRST]
    return [n for n in FIRST if n not in SKIPPED] + rest


class Transformers:
    """The two torch.nn transformers: a BERT-base encoder and a GPT-2-small-style causal decoder."""

    @staticmethod
    def bert_base_encoder():
        import torch.nn as nn
        layer = nn.TransformerEncoderLayer(768, 12, 3072, dropout=0.1, activation="gelu", batch_first=True)
        return nn.TransformerEncoder(layer, 12, enable_nested_tensor=False)

    @staticmethod
    def gpt2_small_decoder():
        import torch
        import torch.nn as nn

        class Gpt2Small(nn.Module):
            def __init__(self, vocab=50257, d=768, layers=12, heads=12, seq=SEQ):
                super().__init__()
                self.wte = nn.Embedding(vocab, d)
                self.wpe = nn.Parameter(torch.zeros(1, seq, d))
                nn.init.normal_(self.wpe, std=0.01)
                layer = nn.TransformerEncoderLayer(d, heads, 4 * d, dropout=0.1, activation="gelu",
                                                   batch_first=True, norm_first=True)
                self.blocks = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
                self.ln_f = nn.LayerNorm(d)
                self.lm_head = nn.Linear(d, vocab, bias=False)
                mask = torch.triu(torch.full((seq, seq), float("-inf")), diagonal=1)
                self.register_buffer("causal_mask", mask)

            def forward(self, ids):
                x = self.wte(ids) + self.wpe
                x = self.blocks(x, mask=self.causal_mask)
                return self.lm_head(self.ln_f(x))

        return Gpt2Small()


def build(name):
    """The model in eval mode and an example input."""
    import torch
    import torchvision.models as tvm
    import torchvision.models._api as api
    torch.manual_seed(0)
    if name == "bert_base_encoder":
        return Transformers.bert_base_encoder().eval(), torch.randn(1, SEQ, 768)
    if name == "gpt2_small_decoder":
        return Transformers.gpt2_small_decoder().eval(), torch.randint(0, 50257, (1, SEQ))
    if name in SEGMENTATION:
        import torchvision.models.segmentation as seg
        kwargs = {"weights": None, "weights_backbone": None}
        if name != "lraspp_mobilenet_v3_large":
            kwargs["aux_loss"] = False
        return getattr(seg, name)(**kwargs).eval(), torch.randn(1, 3, 520, 520)
    size = api.get_model_weights(name).DEFAULT.transforms().crop_size[0]
    kwargs = {"weights": None}
    if name in ("googlenet", "inception_v3"):
        kwargs.update(aux_logits=False, init_weights=True)
    if name.startswith("vit_"):
        # ViT's position embedding is sized for one image size: its builder takes it from the weights given
        # (518 for vit_h_14's DEFAULT, the SWAG end-to-end weights) and is 224 without any
        kwargs["image_size"] = size
    model = getattr(tvm, name)(**kwargs).eval()
    return model, torch.randn(1, 3, size, size)


class MacCounter:
    """Counts the multiply-accumulates torch performs in F.conv2d, F.linear (nn.Linear and the in/out
    projections nn.MultiheadAttention computes with it) and the products of two activations (torch.matmul,
    Tensor @, torch.bmm, torch.baddbmm, torch.einsum: attention scores and context)."""

    def __init__(self):
        self.conv = 0
        self.linear = 0
        self.matmul = 0
        self._saved = []

    def __enter__(self):
        import torch
        import torch.nn.functional as F
        self._patch(F, "conv2d", lambda out, a, k: out.numel() * a[1].shape[1] * a[1].shape[2] * a[1].shape[3],
                    "conv")
        self._patch(F, "linear", lambda out, a, k: out.numel() * a[1].shape[1], "linear")
        for owner in (torch, torch.Tensor):
            self._patch(owner, "matmul", lambda out, a, k: out.numel() * a[0].shape[-1], "matmul")
            self._patch(owner, "bmm", lambda out, a, k: out.numel() * a[0].shape[-1], "matmul")
        self._patch(torch.Tensor, "__matmul__", lambda out, a, k: out.numel() * a[0].shape[-1], "matmul")
        self._patch(torch, "baddbmm", lambda out, a, k: out.numel() * a[1].shape[-1], "matmul")
        self._patch(torch, "einsum", MacCounter._einsum, "matmul")
        return self

    @staticmethod
    def _einsum(out, args, kwargs):
        equation = args[0].replace(" ", "")
        operands = args[1:] if not isinstance(args[1], (list, tuple)) else args[1]
        sizes = {}
        for spec, t in zip(equation.split("->")[0].split(","), operands):
            for letter, dim in zip(spec, t.shape):
                sizes[letter] = dim
        n = 1
        for dim in sizes.values():
            n *= dim
        return n

    def _patch(self, owner, attr, count, bucket):
        original = getattr(owner, attr)
        self._saved.append((owner, attr, original))
        counter = self

        def counted(*args, **kwargs):
            out = original(*args, **kwargs)
            setattr(counter, bucket, getattr(counter, bucket) + int(count(out, args, kwargs)))
            return out

        setattr(owner, attr, counted)

    def __exit__(self, *exc):
        for owner, attr, original in reversed(self._saved):
            setattr(owner, attr, original)


def strip(model_bytes):
    """The ONNX model with every float initializer of STRIP_AT or more elements reduced to dims and type."""
    import onnx
    from onnx import TensorProto
    model = onnx.load_from_string(model_bytes)
    for t in model.graph.initializer:
        n = 1
        for d in t.dims:
            n *= d
        if t.data_type in (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE) and n >= STRIP_AT:
            t.ClearField("raw_data")
            t.ClearField("float_data")
            t.ClearField("double_data")
            t.ClearField("int32_data")
            t.doc_string = "weights stripped: shape only"
    return model


def register_zero():
    """torch 1.13 has no ONNX symbolic for aten::zero, which Swin V2 uses to zero the key third of a copy of
    each qkv bias (`qkv_bias[length:2 * length].zero_()`): zeros of the input's shape and type, as
    ConstantOfShape(Shape(x)). Constant folding then folds the zeroed bias into one initializer of the same
    shape, so the graph is what torch runs."""
    import torch
    from torch.onnx import _type_utils, symbolic_helper

    def zero(g, self):
        name = symbolic_helper._try_get_scalar_type(self)
        value = torch.zeros(1, dtype=_type_utils.JitScalarType.from_name(name).dtype() if name else torch.float32)
        return g.op("ConstantOfShape", g.op("Shape", self), value_t=value)

    torch.onnx.register_custom_op_symbolic("aten::zero", zero, 17)


class InitializerValues:
    """Keeps the tensors torch.onnx.export would write as initializers: the parameters, buffers and the constants
    its folding made (index tables, shapes), by their ONNX names. It wraps torch's last pass before writing the
    file (torch._C._jit_pass_onnx_deduplicate_initializers in torch 1.13's torch.onnx.utils._export), whose
    result export_params=True writes and export_params=False drops."""

    def __init__(self):
        self.values = {}

    def __enter__(self):
        import torch
        self._original = torch._C._jit_pass_onnx_deduplicate_initializers
        values = self.values

        def kept(*args):
            params = self._original(*args)
            values.update(params)
            return params

        torch._C._jit_pass_onnx_deduplicate_initializers = kept
        return self

    def __exit__(self, *exc):
        import torch
        torch._C._jit_pass_onnx_deduplicate_initializers = self._original


def restore_initializers(model_bytes, state):
    """An export made with export_params=False has its initializers as graph inputs without values: each becomes
    an initializer again, shape-only where strip() would have stripped it, with its values from `state` (what
    InitializerValues kept) where strip() keeps them (small or integer tensors). One whose values are not in
    `state` fails the export rather than being guessed."""
    import onnx
    from onnx import TensorProto, numpy_helper
    model = onnx.load_from_string(model_bytes)
    floats = (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE)
    inputs = []
    for value in model.graph.input:
        if value.name == "input":
            inputs.append(value)
            continue
        t = value.type.tensor_type
        dims = [d.dim_value for d in t.shape.dim]
        n = 1
        for d in dims:
            n *= d
        if t.elem_type in floats and n >= STRIP_AT:
            init = TensorProto(name=value.name, data_type=t.elem_type, dims=dims,
                               doc_string="weights stripped: shape only")
        elif value.name in state:
            init = numpy_helper.from_array(state[value.name].detach().numpy(), value.name)
        else:
            raise ValueError(f"initializer {value.name} {dims} has no values to restore")
        model.graph.initializer.append(init)
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    return model


def export_one(name, with_values=False, folder=HERE):
    """Exports one model to folder/<name>.onnx and returns its corpus.csv row. with_values: torch writes every
    parameter's values and strip() removes them again (the slower route, kept to compare the files)."""
    import torch
    register_zero()
    model, example = build(name)
    params = sum(p.numel() for p in model.parameters())
    with MacCounter() as macs:  # grad enabled, as in export: nn.TransformerEncoderLayer's fused fast path is off
        model(example)
    buffer = io.BytesIO()
    with InitializerValues() as kept:
        torch.onnx.export(model, (example,), buffer, opset_version=17, input_names=["input"],
                          output_names=["output"], training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=True, export_params=with_values)
    if with_values:
        onnx_model = strip(buffer.getvalue())
    else:
        onnx_model = restore_initializers(buffer.getvalue(), kept.values)
    import onnx
    path = os.path.join(folder, name + ".onnx")
    tmp = path + ".tmp"
    onnx.save(onnx_model, tmp)
    os.replace(tmp, path)
    kind = "transformer" if name in TRANSFORMERS else "segmentation" if name in SEGMENTATION else "classification"
    return {"name": name, "kind": kind, "input_shape": "x".join(str(d) for d in example.shape),
            "input_dtype": str(example.dtype).replace("torch.", ""), "params": params, "conv_macs": macs.conv,
            "linear_macs": macs.linear, "matmul_macs": macs.matmul, "onnx_bytes": os.path.getsize(path)}


def read_table():
    if not os.path.exists(TABLE):
        return {}
    with open(TABLE, newline="") as f:
        return {row["name"]: row for row in csv.DictReader(f)}


def write_table(rows):
    tmp = TABLE + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        for name in sorted(rows):
            w.writerow(rows[name])
    os.replace(tmp, TABLE)


def main(argv):
    with_values = bool(argv) and argv[0] == "--with-values"
    if with_values:
        argv = argv[1:]
    if argv and argv[0] == "--worker":
        for name in argv[1:]:
            print("START " + name, flush=True)
            try:
                print("ROW " + json.dumps(export_one(name, with_values)), flush=True)
            except Exception as e:  # one model's export failure is reported, the rest go on
                print("FAIL " + name + " " + type(e).__name__ + ": " + str(e).splitlines()[0], flush=True)
        return 0
    rows = read_table()
    todo = argv if argv else [n for n in all_names() if n not in rows]
    failed = []
    while todo:
        # One worker exports many models (torch loads once); if it dies (memory), the model it was on fails
        # and a new worker takes the rest.
        route = ["--with-values"] if with_values else []
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__)] + route + ["--worker"] + todo,
                                stdout=subprocess.PIPE, text=True)
        current = None
        for line in proc.stdout:
            if line.startswith("START "):
                current = line[6:].strip()
            elif line.startswith("ROW "):
                row = json.loads(line[4:])
                rows[row["name"]] = row
                write_table(rows)
                todo.remove(row["name"])
                print(f"{row['name']}: {row['params']} params, {row['onnx_bytes']} bytes", flush=True)
                current = None
            elif line.startswith("FAIL "):
                failed.append(line[5:].strip())
                todo.remove(current)
                print(line.strip(), flush=True)
                current = None
        proc.wait()
        if current is not None:
            failed.append(f"{current} worker ended with exit {proc.returncode}")
            print(f"FAIL {current}: worker ended with exit {proc.returncode}", flush=True)
            todo.remove(current)
        elif proc.returncode != 0:
            break
    print("failed: " + ("; ".join(failed) if failed else "none"), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
