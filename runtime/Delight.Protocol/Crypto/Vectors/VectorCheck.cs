using System.Globalization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>Collects the mismatches of one vector; each names the file field it disagrees with.</summary>
internal sealed class VectorCheck
{
    private const int ShownLength = 48;
    private readonly List<string> failures = [];

    public int Compared { get; private set; }

    public IReadOnlyList<string> Failures => failures;

    public void Equal(string field, string expected, string computed)
    {
        Compared++;
        if (!string.Equals(expected, computed, StringComparison.Ordinal))
        {
            var at = FirstDifference(expected, computed);
            failures.Add($"{field}: expected {Shorten(expected, at)}, computed {Shorten(computed, at)} (first difference at char {at})");
        }
    }

    public void EqualHex(string field, string expectedHex, ReadOnlySpan<byte> computed) =>
        Equal(field, expectedHex.ToLowerInvariant(), CryptoEncoding.EncodeHex(computed));

    public void EqualBytes(string field, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> computed) =>
        Equal(field, CryptoEncoding.EncodeHex(expected), CryptoEncoding.EncodeHex(computed));

    public void Equal(string field, long expected, long computed)
    {
        Compared++;
        if (expected != computed)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: expected {expected}, computed {computed}"));
        }
    }

    public void True(string field, bool condition, string problem)
    {
        Compared++;
        if (!condition)
        {
            failures.Add($"{field}: {problem}");
        }
    }

    public void Fail(string field, string problem) => True(field, false, problem);

    /// <summary>A failure already phrased in full (it names its own field).</summary>
    public void Problem(string text)
    {
        Compared++;
        failures.Add(text);
    }

    /// <summary>Hex from the file, or a named failure that stops the vector (nothing sensible can be computed without it).</summary>
    public static byte[] Hex(string field, string? value, int? length = null)
    {
        if (!CryptoEncoding.TryDecodeHex(value, out var bytes))
        {
            throw new VectorFieldException($"{field} is not hex");
        }

        return CheckLength(field, bytes, length);
    }

    /// <summary>Strict standard base64 from the file, or a named failure that stops the vector.</summary>
    public static byte[] Base64(string field, string? value, int? length = null)
    {
        if (!CryptoEncoding.TryDecodeBase64(value, out var bytes))
        {
            throw new VectorFieldException($"{field} is not standard padded base64");
        }

        return CheckLength(field, bytes, length);
    }

    private static byte[] CheckLength(string field, byte[] bytes, int? length)
    {
        if (length is { } expected && bytes.Length != expected)
        {
            throw new VectorFieldException(string.Create(CultureInfo.InvariantCulture,
                $"{field} must be {expected} bytes, is {bytes.Length}"));
        }

        return bytes;
    }

    private static int FirstDifference(string a, string b)
    {
        var shared = Math.Min(a.Length, b.Length);
        for (var i = 0; i < shared; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return shared;
    }

    // Long values are shown around the first difference so the line stays readable.
    private static string Shorten(string value, int at)
    {
        if (value.Length <= ShownLength)
        {
            return value;
        }

        var start = Math.Max(0, Math.Min(at - 8, value.Length - ShownLength));
        var prefix = start > 0 ? "…" : string.Empty;
        var suffix = start + ShownLength < value.Length ? "…" : string.Empty;
        return prefix + value.Substring(start, ShownLength) + suffix;
    }
}
