using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

/// <summary>
/// The hot path allocates nothing beyond its output. Allocation counts are deterministic (unlike timings), so they
/// belong in unit tests; speed is for the benchmarks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ContentCipherAllocationTests
{
    private static readonly byte[] Plaintext = "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hello\"}}"u8.ToArray();

    [Test]
    public void Span_encrypt_and_decrypt_allocate_nothing()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);
        var envelope = new byte[AesGcmEnvelope.GetEnvelopeLength(Plaintext.Length)];
        var decrypted = new byte[Plaintext.Length];
        RoundTrip(cipher, envelope, decrypted);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            RoundTrip(cipher, envelope, decrypted);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(decrypted, Is.EqualTo(Plaintext));
    }

    [Test]
    public void Base64_encrypt_allocates_only_the_string()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);
        var envelope = cipher.EncryptToBase64(Plaintext);
        for (var i = 0; i < 10; i++)
        {
            cipher.EncryptToBase64(Plaintext);
        }

        const int Calls = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            envelope = cipher.EncryptToBase64(Plaintext);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;

        // A string of n chars is about 2n bytes plus a 22-byte header, rounded to 8: nothing of the envelope's size.
        Assert.That(perCall, Is.LessThanOrEqualTo((2 * envelope.Length) + 32));
    }

    [Test]
    public void Base64_decrypt_into_a_span_allocates_nothing()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);
        var envelope = cipher.EncryptToBase64(Plaintext);
        var destination = new byte[Plaintext.Length];
        cipher.TryDecryptFromBase64(envelope, destination, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = cipher.TryDecryptFromBase64(envelope, destination, out var written, out _);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(ok && written == Plaintext.Length, Is.True);
    }

    private static void RoundTrip(ContentCipher cipher, byte[] envelope, byte[] decrypted)
    {
        cipher.Encrypt(Plaintext, envelope);
        cipher.Decrypt(envelope, decrypted);
    }
}
