using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Delight.Protocol.Crypto;

namespace Delight.Benchmarks.Crypto;

/// <summary>
/// The message hot path: the AES-256-GCM envelope (PROTOCOL.md §9.6) sealed to base64 and opened back, through the
/// production <see cref="ContentCipher"/> (random nonce from the system RNG, version byte, base64 both ways), against
/// the raw <see cref="AesGcm"/> primitive sealing and opening the same plaintext on preallocated buffers with the
/// same cached key schedule. The difference is the envelope's own cost: nonce, layout, base64, allocation.
/// Allocation target: the base64 string is the only allocation (its size is reported in the README).
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(1, ContentCipher.KeyLength).Select(i => (byte)i).ToArray();

    private AesGcm _raw = null!;
    private ContentCipher _cipher = null!;
    private byte[] _plaintext = [];
    private byte[] _ciphertext = [];
    private byte[] _opened = [];
    private readonly byte[] _nonce = new byte[AesGcmEnvelope.NonceLength];
    private readonly byte[] _tag = new byte[AesGcmEnvelope.TagLength];

    [Params(256, 1024, 16 * 1024)]
    public int Size { get; set; } = 1024;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new AesGcm(Key, AesGcmEnvelope.TagLength);
        _cipher = new ContentCipher(Key);
        _plaintext = Enumerable.Range(0, Size).Select(i => (byte)(i * 7)).ToArray();
        _ciphertext = new byte[Size];
        _opened = new byte[Size];
        RandomNumberGenerator.Fill(_nonce);

        // Prove the envelope path round-trips before timing it.
        if (!_cipher.TryDecryptFromBase64(_cipher.EncryptToBase64(_plaintext), _opened, out var written, out _)
            || !_opened.AsSpan(0, written).SequenceEqual(_plaintext))
        {
            throw new InvalidOperationException("the envelope did not round-trip");
        }
    }

    [Benchmark(Baseline = true)]
    public int RawAesGcm()
    {
        _raw.Encrypt(_nonce, _plaintext, _ciphertext, _tag);
        _raw.Decrypt(_nonce, _ciphertext, _tag, _opened);
        return _opened[0];
    }

    /// <summary>Seal to base64 and open back into a caller buffer: the production round trip.</summary>
    [Benchmark]
    public int EnvelopeBase64RoundTrip()
    {
        var base64 = _cipher.EncryptToBase64(_plaintext);
        _cipher.TryDecryptFromBase64(base64, _opened, out var written, out _);
        return written;
    }

    /// <summary>Seal to base64 only (what the runtime does per outgoing message).</summary>
    [Benchmark]
    public string EnvelopeSealToBase64() => _cipher.EncryptToBase64(_plaintext);

    [GlobalCleanup]
    public void Dispose()
    {
        _raw?.Dispose();
        _cipher?.Dispose();
        GC.SuppressFinalize(this);
    }
}
