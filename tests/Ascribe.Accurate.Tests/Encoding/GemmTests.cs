using Ascribe.Accurate.Encoding;

namespace Ascribe.Accurate.Tests.Encoding;

public sealed class GemmTests
{
    [Theory]
    [InlineData(128, 384, 384)] // a projection over one window
    [InlineData(7, 33, 48)] // rows outside the 4-row blocks
    [InlineData(5, 9, 10)] // columns outside the 16-column strips: the row-at-a-time path
    public void MultiplyAdd_MatchesTheDefinition(int n, int k, int m)
    {
        var rng = new Random(n * 1000 + k + m);
        float[] Random(int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var a = Random(n * k);
        var b = Random(k * m);
        var c = Random(n * m);
        var expected = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = c[i * m + j];
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[i * k + p] * b[p * m + j];
                }

                expected[i * m + j] = sum;
            }
        }

        Gemm.MultiplyAdd(a, b, c, n, k, m);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) < 1e-3, $"element {i}: {c[i]} against {expected[i]}");
        }
    }

    [Fact]
    public void Transpose_SwapsRowsAndColumns_AcrossTiles()
    {
        int rows = 45, cols = 70;
        var s = Enumerable.Range(0, rows * cols).Select(i => (float)i).ToArray();
        var t = new float[rows * cols];
        Gemm.Transpose(s, rows, cols, t);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                Assert.Equal(s[r * cols + c], t[c * rows + r]);
            }
        }
    }

    [Fact]
    public void MultiplyAdd_TooShortAMatrix_Throws()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyAdd(new float[4], new float[4], new float[4], 2, 2, 3));
    }
}
