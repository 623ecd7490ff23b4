using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Delight.Protocol.Crypto;

namespace Delight.Benchmarks.Crypto;

/// <summary>
/// Key derivation (PROTOCOL.md §9.3): the content seed from the master secret (a root and one child, two
/// HMAC-SHA512), against the same two raw <see cref="HMACSHA512.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// calls on stack buffers.
/// </summary>
[MemoryDiagnoser]
public class KeyDerivationBenchmarks
{
    private static readonly byte[] RootKey = Encoding.UTF8.GetBytes(KeyTree.ContentUsage + " Master Seed");
    private static readonly byte[] ChildMessage = [0x00, .. Encoding.UTF8.GetBytes(KeyTree.ContentPath[0])];
    private readonly byte[] _masterSecret = Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        Span<byte> raw = stackalloc byte[32];
        RawHmacPair(raw);
        if (!raw.SequenceEqual(KeyTree.DeriveContentSeed(_masterSecret)))
        {
            throw new InvalidOperationException("the raw HMAC pair does not compute the content seed");
        }
    }

    [Benchmark(Baseline = true)]
    public byte RawHmacSha512Pair()
    {
        Span<byte> key = stackalloc byte[32];
        RawHmacPair(key);
        return key[0];
    }

    [Benchmark]
    public byte DeriveContentSeed() => KeyTree.DeriveContentSeed(_masterSecret)[0];

    private void RawHmacPair(Span<byte> key)
    {
        Span<byte> root = stackalloc byte[HMACSHA512.HashSizeInBytes];
        Span<byte> child = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(RootKey, _masterSecret, root);
        HMACSHA512.HashData(root[32..], ChildMessage, child);
        child[..32].CopyTo(key);
    }
}
