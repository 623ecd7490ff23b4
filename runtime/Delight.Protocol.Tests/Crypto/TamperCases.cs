namespace Delight.Protocol.Tests.Crypto;

/// <summary>Ways to damage a ciphertext: every single-bit flip position, and every truncation.</summary>
internal static class TamperCases
{
    /// <summary>A copy with one bit flipped at <paramref name="index"/>.</summary>
    public static byte[] FlipBit(byte[] data, int index, int bit = 0)
    {
        var copy = (byte[])data.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    /// <summary>Positions to flip: every byte for short inputs, a spread (first, last, every 7th) for longer ones.</summary>
    public static IEnumerable<int> Positions(int length) =>
        length <= 160 ? Enumerable.Range(0, length) : Enumerable.Range(0, length).Where(i => i % 7 == 0 || i == length - 1);
}
