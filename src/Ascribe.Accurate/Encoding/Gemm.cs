using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Numerics.Tensors;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// Dense single-precision matrix products for fine-tuning (<see cref="TransformerLayer"/>), all
/// matrices row-major. A register-blocked kernel keeps a 4 × 16 block of the product in eight
/// 256-bit accumulators while it walks the shared dimension, so each row of the right-hand matrix
/// is read once per four rows of the left instead of once per row. Other shapes and machines
/// without 256-bit vectors take a row-at-a-time path.
/// </summary>
internal static class Gemm
{
    private const int Rows = 4;
    private const int Cols = 16;

    /// <summary><c>c[n, m] += a[n, k] · b[k, m]</c>.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int n, int k, int m)
    {
        if (a.Length < n * k || b.Length < k * m || c.Length < n * m)
        {
            throw new ArgumentException("matrix sizes do not match");
        }

        if (!Vector256.IsHardwareAccelerated || m % Cols != 0)
        {
            RowByRow(a, b, c, n, k, m);
            return;
        }

        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        int full = n - n % Rows;
        for (int j = 0; j < m; j += Cols)
        {
            // One 16-column strip of b (k × 64 bytes) serves every row block while it is in cache.
            for (int i = 0; i < full; i += Rows)
            {
                Block4(ref pa, ref pb, ref pc, i, j, k, m);
            }

            for (int i = full; i < n; i++)
            {
                Block1(ref pa, ref pb, ref pc, i, j, k, m);
            }
        }
    }

    /// <summary><c>t[cols, rows] = sᵀ</c> for <c>s[rows, cols]</c>, in cache-sized tiles.</summary>
    public static void Transpose(ReadOnlySpan<float> s, int rows, int cols, Span<float> t)
    {
        const int Tile = 32;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(rows, r0 + Tile);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(cols, c0 + Tile);
                for (int r = r0; r < r1; r++)
                {
                    for (int col = c0; col < c1; col++)
                    {
                        t[col * rows + r] = s[r * cols + col];
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fmadd(Vector256<float> x, Vector256<float> y, Vector256<float> acc) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : (x * y) + acc;

    private static void Block4(ref float pa, ref float pb, ref float pc, int i, int j, int k, int m)
    {
        nuint r0 = (nuint)(i * m + j), r1 = r0 + (nuint)m, r2 = r1 + (nuint)m, r3 = r2 + (nuint)m;
        var c00 = Vector256.LoadUnsafe(ref pc, r0);
        var c01 = Vector256.LoadUnsafe(ref pc, r0 + 8);
        var c10 = Vector256.LoadUnsafe(ref pc, r1);
        var c11 = Vector256.LoadUnsafe(ref pc, r1 + 8);
        var c20 = Vector256.LoadUnsafe(ref pc, r2);
        var c21 = Vector256.LoadUnsafe(ref pc, r2 + 8);
        var c30 = Vector256.LoadUnsafe(ref pc, r3);
        var c31 = Vector256.LoadUnsafe(ref pc, r3 + 8);
        ref float a0 = ref Unsafe.Add(ref pa, i * k);
        ref float a1 = ref Unsafe.Add(ref a0, k);
        ref float a2 = ref Unsafe.Add(ref a1, k);
        ref float a3 = ref Unsafe.Add(ref a2, k);
        nuint bj = (nuint)j;
        for (int p = 0; p < k; p++, bj += (nuint)m)
        {
            var b0 = Vector256.LoadUnsafe(ref pb, bj);
            var b1 = Vector256.LoadUnsafe(ref pb, bj + 8);
            var x = Vector256.Create(Unsafe.Add(ref a0, p));
            c00 = Fmadd(x, b0, c00);
            c01 = Fmadd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, p));
            c10 = Fmadd(x, b0, c10);
            c11 = Fmadd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, p));
            c20 = Fmadd(x, b0, c20);
            c21 = Fmadd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, p));
            c30 = Fmadd(x, b0, c30);
            c31 = Fmadd(x, b1, c31);
        }

        c00.StoreUnsafe(ref pc, r0);
        c01.StoreUnsafe(ref pc, r0 + 8);
        c10.StoreUnsafe(ref pc, r1);
        c11.StoreUnsafe(ref pc, r1 + 8);
        c20.StoreUnsafe(ref pc, r2);
        c21.StoreUnsafe(ref pc, r2 + 8);
        c30.StoreUnsafe(ref pc, r3);
        c31.StoreUnsafe(ref pc, r3 + 8);
    }

    private static void Block1(ref float pa, ref float pb, ref float pc, int i, int j, int k, int m)
    {
        nuint r0 = (nuint)(i * m + j);
        var c0 = Vector256.LoadUnsafe(ref pc, r0);
        var c1 = Vector256.LoadUnsafe(ref pc, r0 + 8);
        ref float a0 = ref Unsafe.Add(ref pa, i * k);
        nuint bj = (nuint)j;
        for (int p = 0; p < k; p++, bj += (nuint)m)
        {
            var x = Vector256.Create(Unsafe.Add(ref a0, p));
            c0 = Fmadd(x, Vector256.LoadUnsafe(ref pb, bj), c0);
            c1 = Fmadd(x, Vector256.LoadUnsafe(ref pb, bj + 8), c1);
        }

        c0.StoreUnsafe(ref pc, r0);
        c1.StoreUnsafe(ref pc, r0 + 8);
    }

    internal static void RowByRow(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int n, int k, int m)
    {
        for (int r = 0; r < n; r++)
        {
            var cr = c.Slice(r * m, m);
            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * m, m), a[r * k + p], cr, cr);
            }
        }
    }
}
