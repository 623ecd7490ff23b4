using System.Buffers.Binary;

namespace Delight.Protocol.Crypto;

/// <summary>
/// A deterministic, seedable byte stream (SplitMix64) for the simulation, where every run with the same seed must
/// produce the same nonces and keys. NOT cryptographically secure: never use it outside tests and simulation.
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private readonly object gate = new();
    private ulong state;

    public SeededRandomSource(ulong seed)
    {
        state = seed;
    }

    public void Fill(Span<byte> destination)
    {
        Span<byte> word = stackalloc byte[8];
        lock (gate)
        {
            for (var offset = 0; offset < destination.Length; offset += 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(word, Next());
                var count = Math.Min(8, destination.Length - offset);
                word[..count].CopyTo(destination[offset..]);
            }
        }
    }

    private ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
