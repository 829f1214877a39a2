package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * BERT-base (uncased) encoder as Hugging Face's {@code BertModel} computes it, batch 1, sequence length 128:
 * <ul>
 * <li>inputs {@code input_ids}, {@code token_type_ids} and {@code position_ids} (int64 [1, 128]; HF keeps
 * position ids as the buffer arange(128), here they are an input because an embedding lookup needs one);</li>
 * <li>embeddings: word (30522 x 768), token type (2 x 768) and position (512 x 768) lookups, summed, then
 * LayerNorm (eps 1e-12);</li>
 * <li>12 layers: query / key / value {@code Dense} 768, each reshaped to [1, 128, 12, 64] and transposed
 * to heads [1, 12, 128, 64]; scores = {@code MatMul} of query and key with key transposed (transB);
 * division by the scalar sqrt(64) (a rank-0 constant, so no parameter); softmax; context = {@code MatMul} of
 * the probabilities and value; heads transposed back and merged to [1, 128, 768]; output {@code Dense},
 * residual add, LayerNorm; feed-forward {@code Dense} 3072 - GELU - {@code Dense} 768, residual add,
 * LayerNorm;</li>
 * <li>pooler: the first token's hidden state ({@code hidden[:, 0]}, an ONNX Gather on an activation, which
 * the IR keeps as an {@link Opaque} layer of type {@code Gather}), {@code Dense} 768, tanh.</li>
 * </ul>
 * No attention mask: all 128 tokens attend to each other (HF adds a zero mask in that case). Outputs are
 * the last hidden state and the pooled output. 109,482,240 parameters, as HF counts them. Names are HF's
 * module paths ({@code encoder.layer.0.attention.self.query}); ops without a module are named after what
 * they compute ({@code encoder.layer.0.attention.self.scores}).
 */
final class BertBase {
    static final int SEQUENCE = 128;
    static final int HIDDEN = 768;
    static final int HEADS = 12;
    static final int HEAD_SIZE = HIDDEN / HEADS;
    static final int INTERMEDIATE = 3072;
    static final int LAYERS = 12;
    static final int VOCAB = 30522;
    static final int MAX_POSITIONS = 512;
    static final int TOKEN_TYPES = 2;
    private static final double LAYER_NORM_EPS = 1e-12;

    private BertBase() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("bert-base");
        int ids = b.input("input_ids", TensorType.of(DType.INT64, 1, SEQUENCE));
        int types = b.input("token_type_ids", TensorType.of(DType.INT64, 1, SEQUENCE));
        int positions = b.input("position_ids", TensorType.of(DType.INT64, 1, SEQUENCE));
        int words = b.add("embeddings.word_embeddings", new Embedding(VOCAB, HIDDEN), ids);
        int typeEmb = b.add("embeddings.token_type_embeddings", new Embedding(TOKEN_TYPES, HIDDEN), types);
        int posEmb = b.add("embeddings.position_embeddings", new Embedding(MAX_POSITIONS, HIDDEN), positions);
        int h = b.addTensors("embeddings.add", words, typeEmb);
        h = b.addTensors("embeddings.add_1", h, posEmb);
        h = b.add("embeddings.LayerNorm", new LayerNorm(LAYER_NORM_EPS), h);
        for (int l = 0; l < LAYERS; l++) {
            h = layer(b, "encoder.layer." + l + ".", h);
        }
        int first = b.add("pooler.first_token", new Opaque("Gather", TensorType.fp32(1, HIDDEN), 0), h);
        int pooled = b.add("pooler.dense", new Dense(HIDDEN, true), first);
        pooled = b.add("pooler.activation", Activation.of(ActivationKind.TANH), pooled);
        return b.build(h, pooled);
    }

    private static int layer(GraphBuilder b, String p, int in) {
        String self = p + "attention.self.";
        int q = heads(b, self + "query", in);
        int k = heads(b, self + "key", in);
        int v = heads(b, self + "value", in);
        int scores = b.add(self + "scores", new MatMul(false, true), q, k);
        scores = b.add(self + "scale", Eltwise.withConstant(EltwiseKind.DIV, List.of()), scores);
        int probs = b.add(self + "softmax", new Softmax(-1), scores);
        int context = b.add(self + "context", new MatMul(false, false), probs, v);
        context = b.add(self + "context.transpose", new Transpose(List.of(0, 2, 1, 3)), context);
        context = b.add(self + "context.merge_heads", new Reshape(List.of(0, 0, HIDDEN)), context);
        int attention = b.add(p + "attention.output.dense", new Dense(HIDDEN, true), context);
        attention = b.addTensors(p + "attention.output.add", attention, in);
        attention = b.add(p + "attention.output.LayerNorm", new LayerNorm(LAYER_NORM_EPS), attention);
        int ffn = b.add(p + "intermediate.dense", new Dense(INTERMEDIATE, true), attention);
        ffn = b.add(p + "intermediate.intermediate_act_fn", Activation.of(ActivationKind.GELU), ffn);
        ffn = b.add(p + "output.dense", new Dense(HIDDEN, true), ffn);
        ffn = b.addTensors(p + "output.add", ffn, attention);
        return b.add(p + "output.LayerNorm", new LayerNorm(LAYER_NORM_EPS), ffn);
    }

    /** A projection split into heads: dense [1, 128, 768] -> reshape [1, 128, 12, 64] -> [1, 12, 128, 64]. */
    private static int heads(GraphBuilder b, String name, int in) {
        int x = b.add(name, new Dense(HIDDEN, true), in);
        x = b.add(name + ".split_heads", new Reshape(List.of(0, 0, HEADS, HEAD_SIZE)), x);
        return b.add(name + ".transpose", new Transpose(List.of(0, 2, 1, 3)), x);
    }
}
