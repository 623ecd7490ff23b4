using BenchmarkDotNet.Attributes;
using Delight.Protocol.Crypto;

namespace Delight.Benchmarks.Crypto;

/// <summary>
/// Unwrapping a session's data-encryption key (PROTOCOL.md §9.5: base64, version byte, NaCl box bundle) through
/// <see cref="WrappedDataKey.TryUnwrap"/>, against a raw <c>crypto_box_open_easy</c> on the already-decoded bundle
/// into a preallocated buffer. Both pay the X25519 scalar multiplication, which dominates.
/// </summary>
[MemoryDiagnoser]
public class UnwrapBenchmarks
{
    private byte[] _secretKey = [];
    private string _wrapped = string.Empty;
    private byte[] _bundle = [];
    private readonly byte[] _dataKey = new byte[WrappedDataKey.DataKeyLength];

    [GlobalSetup]
    public void Setup()
    {
        if (RawSodium.sodium_init() < 0)
        {
            throw new InvalidOperationException("libsodium failed to initialise");
        }

        var random = new SeededRandomSource(8);
        var recipient = BoxKeyPair.Generate(random);
        _secretKey = recipient.SecretKey.ToArray();
        var dek = Enumerable.Range(0, WrappedDataKey.DataKeyLength).Select(i => (byte)(255 - i)).ToArray();
        _wrapped = WrappedDataKey.Wrap(dek, recipient.PublicKey, random);
        _bundle = Convert.FromBase64String(_wrapped)[1..];

        if (RawBoxOpen() != 0 || !_dataKey.AsSpan().SequenceEqual(dek) || !WrappedDataKeyUnwrap())
        {
            throw new InvalidOperationException("the wrapped key did not open");
        }
    }

    [Benchmark(Baseline = true)]
    public int RawBoxOpen()
    {
        var bundle = _bundle.AsSpan();
        return RawSodium.crypto_box_open_easy(
            _dataKey,
            bundle[BoxBundle.HeaderLength..],
            (ulong)(bundle.Length - BoxBundle.HeaderLength),
            bundle.Slice(BoxBundle.EphemeralKeyLength, BoxBundle.NonceLength),
            bundle[..BoxBundle.EphemeralKeyLength],
            _secretKey);
    }

    [Benchmark]
    public bool WrappedDataKeyUnwrap() => WrappedDataKey.TryUnwrap(_wrapped, _secretKey, out _, out _);
}
