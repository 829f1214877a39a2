package dev.hetplace.cost.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class SubsetLeastSquaresTest {
    /** Columns of very different scales, as the additive fit has them (1/us next to MACs/us). */
    private static final double[][] X = {
        {1.0, 2.0e7, 3.0, 0.0},
        {0.5, 4.1e7, 1.0, 0.0},
        {0.2, 9.0e7, 7.0, 0.0},
        {0.1, 1.6e8, 2.0, 0.0},
        {0.05, 3.3e8, 5.0, 0.0},
        {0.8, 1.1e7, 4.0, 0.0}};

    @Test
    void matchesCommonsMathOrdinaryLeastSquaresOnEverySubset() {
        SubsetLeastSquares ls = new SubsetLeastSquares(X);
        int[][] subsets = {{0}, {1}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};
        for (int[] subset : subsets) {
            double[][] x = new double[X.length][subset.length];
            double[] y = new double[X.length];
            for (int i = 0; i < X.length; i++) {
                y[i] = 1;
                for (int k = 0; k < subset.length; k++) {
                    x[i][k] = X[i][subset[k]];
                }
            }
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.setNoIntercept(true);
            ols.newSampleData(y, x);
            double[] expected = ols.estimateRegressionParameters();
            SubsetLeastSquares.Solution s = ls.solve(subset);
            for (int k = 0; k < subset.length; k++) {
                assertThat(s.coefficients()[k]).isCloseTo(expected[k], within(1e-9 * Math.abs(expected[k])));
            }
            assertThat(s.residual()).isCloseTo(ols.calculateResidualSumOfSquares(), within(1e-9));
        }
    }

    @Test
    void anAllZeroOrDependentColumnHasNoSolution() {
        SubsetLeastSquares ls = new SubsetLeastSquares(X);
        assertThat(ls.solve(new int[] {0, 3})).isNull();
        double[][] twice = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            twice[i] = new double[] {X[i][0], 2 * X[i][0], X[i][1]};
        }
        assertThat(new SubsetLeastSquares(twice).solve(new int[] {0, 1})).isNull();
        assertThat(new SubsetLeastSquares(twice).solve(new int[] {0, 2})).isNotNull();
    }
}
