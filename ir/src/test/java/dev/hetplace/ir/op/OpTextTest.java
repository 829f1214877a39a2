package dev.hetplace.ir.op;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpTextTest {
    @Test
    void showsTheSettingsThatMatter() {
        assertThat(OpText.of(Conv2d.square(64, 7, 2, 3, false))).isEqualTo("conv2d 7x7/2 p3");
        assertThat(OpText.of(Conv2d.square(32, 3, 1, 1, false).withGroups(32))).isEqualTo("conv2d 3x3/1 p1 g32");
        assertThat(OpText.of(new Conv2d(8, 3, 3, 2, 2, new Padding(0, 0, 1, 1), 2, 2, 1, false)))
                .isEqualTo("conv2d 3x3/2 p0,0,1,1 d2");
        assertThat(OpText.of(new Conv2d(8, 1, 7, 1, 2, Padding.of(0, 3), 1, 1, 1, false)))
                .isEqualTo("conv2d 1x7/1x2 p0,3,0,3");
        assertThat(OpText.of(Pool.max(3, 2, 0).ceil())).isEqualTo("max_pool2d 3x3/2 ceil");
        assertThat(OpText.of(new Dense(1000, true))).isEqualTo("dense 1000");
        assertThat(OpText.of(new MatMul(false, true))).isEqualTo("matmul B^T");
        assertThat(OpText.of(Activation.leakyRelu(0.1))).isEqualTo("leaky_relu 0.1");
        assertThat(OpText.of(Activation.clip(-1, 1))).isEqualTo("clip [-1, 1]");
        assertThat(OpText.of(Activation.clip(0, 6))).isEqualTo("relu6");
        assertThat(OpText.of(Eltwise.withConstant(EltwiseKind.DIV, List.of()))).isEqualTo("div const[]");
        assertThat(OpText.of(Upsample.nearest(2))).isEqualTo("upsample x2 nearest");
        assertThat(OpText.of(new GlobalPool(PoolKind.AVG))).isEqualTo("global_avg_pool2d");
    }
}
