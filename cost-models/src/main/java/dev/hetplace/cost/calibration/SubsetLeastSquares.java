package dev.hetplace.cost.calibration;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * Least squares of {@code sum_k c_k x_ik = 1} (no intercept) on any subset of the columns of one matrix, through
 * the normal equations of the columns scaled to unit length: the Gram matrix is formed once, and each subset costs
 * one Cholesky decomposition of at most a handful of rows. A subset whose scaled columns are linearly dependent
 * (a pivot below 1e-10, as Commons Math's default) has no solution.
 */
final class SubsetLeastSquares {
    private static final double PIVOT_THRESHOLD = 1e-10;

    /** A subset's coefficients (in the original column units) and its sum of squared residuals. */
    record Solution(double[] coefficients, double residual) {
    }

    private final int rows;
    private final double[] norms;
    private final double[][] gram;
    private final double[] rhs;

    SubsetLeastSquares(double[][] x) {
        rows = x.length;
        int m = x[0].length;
        norms = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                norms[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            norms[j] = Math.sqrt(norms[j]);
        }
        gram = new double[m][m];
        rhs = new double[m];
        double[] z = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                z[j] = norms[j] == 0 ? 0 : row[j] / norms[j];
            }
            for (int j = 0; j < m; j++) {
                rhs[j] += z[j];
                for (int k = 0; k < m; k++) {
                    gram[j][k] += z[j] * z[k];
                }
            }
        }
    }

    /** The least-squares solution on {@code columns}, or null when a column is all zero or they are dependent. */
    Solution solve(int[] columns) {
        int s = columns.length;
        double[][] g = new double[s][s];
        double[] h = new double[s];
        for (int a = 0; a < s; a++) {
            if (norms[columns[a]] == 0) {
                return null;
            }
            h[a] = rhs[columns[a]];
            for (int b = 0; b < s; b++) {
                g[a][b] = gram[columns[a]][columns[b]];
            }
        }
        RealVector c;
        try {
            c = new CholeskyDecomposition(new Array2DRowRealMatrix(g, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, PIVOT_THRESHOLD).getSolver()
                    .solve(new ArrayRealVector(h, false));
        } catch (NonPositiveDefiniteMatrixException dependent) {
            return null;
        }
        double[] coefficients = new double[s];
        for (int a = 0; a < s; a++) {
            coefficients[a] = c.getEntry(a) / norms[columns[a]];
        }
        return new Solution(coefficients, Math.max(0, rows - c.dotProduct(new ArrayRealVector(h, false))));
    }
}
