using System.Buffers.Binary;
using System.Security.Cryptography;
using Delight.Protocol.Crypto;
using Delight.Runtime.Relay.Auth;

namespace Delight.Sim.World;

/// <summary>
/// Random bytes for the simulated world (nonces, challenges): a counter hashed with a label, so every run of the
/// same schedule draws the same bytes without spending Coyote choice points (a 12-byte nonce per encryption would
/// fill the trace). Values only need to be unique, which the counter guarantees.
/// </summary>
public sealed class SimRandomBytes(string label) : IRandomSource, IRelayRandom
{
    private readonly object _gate = new();
    private readonly byte[] _label = System.Text.Encoding.UTF8.GetBytes(label);
    private long _counter;

    public void Fill(Span<byte> destination)
    {
        var written = 0;
        Span<byte> input = stackalloc byte[_label.Length + 8];
        _label.CopyTo(input);
        Span<byte> block = stackalloc byte[32];
        while (written < destination.Length)
        {
            long n;
            lock (_gate)
            {
                n = ++_counter;
            }

            BinaryPrimitives.WriteInt64LittleEndian(input[_label.Length..], n);
            SHA256.HashData(input, block);
            var take = Math.Min(block.Length, destination.Length - written);
            block[..take].CopyTo(destination[written..]);
            written += take;
        }
    }
}
