using System.Text;
using Delight.Protocol.Crypto;
using Delight.Protocol.Crypto.Vectors;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class ContentCipherTests
{
    private static IEnumerable<TestCaseData> AesVectors()
    {
        yield return new TestCaseData(TestVectors.File.AesGcmMessage, false).SetName("Message under the DEK");
        yield return new TestCaseData(TestVectors.File.AesGcmTerminalMetadata, true).SetName("Terminal metadata under the masterSecret");
        yield return new TestCaseData(TestVectors.File.AesGcmRpcParams, false).SetName("RPC params under the DEK");
    }

    [TestCaseSource(nameof(AesVectors))]
    public void Encrypt_with_the_vector_nonce_gives_the_vector_envelope(AesGcmVector vector, bool masterKeyed)
    {
        using var cipher = new ContentCipher(masterKeyed ? TestVectors.MasterSecret : TestVectors.DataKey,
            new ScriptedRandomSource(TestVectors.Range(160, 12)));

        Assert.That(cipher.EncryptToBase64(Encoding.UTF8.GetBytes(vector.PlaintextUtf8)), Is.EqualTo(vector.EnvelopeBase64));
    }

    [TestCaseSource(nameof(AesVectors))]
    public void Decrypt_of_the_vector_envelope_gives_the_plaintext(AesGcmVector vector, bool masterKeyed)
    {
        using var cipher = new ContentCipher(masterKeyed ? TestVectors.MasterSecret : TestVectors.DataKey);

        Assert.That(Encoding.UTF8.GetString(cipher.DecryptFromBase64(vector.EnvelopeBase64)), Is.EqualTo(vector.PlaintextUtf8));
    }

    [Test]
    public void Span_encrypt_writes_version_nonce_ciphertext_tag()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey, new ScriptedRandomSource(TestVectors.Range(160, 12)));
        var plaintext = Encoding.UTF8.GetBytes(TestVectors.File.AesGcmMessage.PlaintextUtf8);
        var destination = new byte[AesGcmEnvelope.GetEnvelopeLength(plaintext.Length) + 5];

        var written = cipher.Encrypt(plaintext, destination);

        Assert.That(written, Is.EqualTo(TestVectors.File.AesGcmMessage.EnvelopeLength));
        Assert.That(Convert.ToHexStringLower(destination.AsSpan(0, written)), Is.EqualTo(TestVectors.File.AesGcmMessage.EnvelopeHex));
        Assert.That(destination[0], Is.Zero);
        Assert.That(destination[1..13], Is.EqualTo(TestVectors.Range(160, 12)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(100)]
    [TestCase(995)]
    [TestCase(996)]
    [TestCase(5000)]
    public void Round_trip_with_random_keys_across_the_stack_scratch_limit(int length)
    {
        var random = new SeededRandomSource((ulong)length);
        var key = TestVectors.RandomBytes(random, 32);
        var plaintext = TestVectors.RandomBytes(random, length);
        using var cipher = new ContentCipher(key, random);

        var envelope = cipher.EncryptToBase64(plaintext);
        var destination = new byte[length];
        var ok = cipher.TryDecryptFromBase64(envelope, destination, out var written, out _);

        Assert.That(cipher.DecryptFromBase64(envelope), Is.EqualTo(plaintext));
        Assert.That(ok, Is.True);
        Assert.That(written, Is.EqualTo(length));
        Assert.That(destination, Is.EqualTo(plaintext));
    }

    [Test]
    public void Two_encryptions_use_fresh_nonces()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);

        var first = cipher.EncryptToBase64("same"u8);
        var second = cipher.EncryptToBase64("same"u8);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Every_flipped_bit_is_rejected_and_leaves_no_plaintext()
    {
        var envelope = Convert.FromBase64String(TestVectors.File.AesGcmMessage.EnvelopeBase64);
        using var cipher = new ContentCipher(TestVectors.DataKey);
        var destination = new byte[envelope.Length];

        foreach (var index in TamperCases.Positions(envelope.Length))
        {
            foreach (var bit in new[] { 0, 3, 7 })
            {
                destination.AsSpan().Fill(0xAA);
                var ok = cipher.TryDecrypt(TamperCases.FlipBit(envelope, index, bit), destination, out var written, out var reason);

                Assert.That(ok, Is.False, $"byte {index} bit {bit}");
                Assert.That(written, Is.Zero);
                Assert.That(reason, Is.EqualTo(index == 0 ? CryptoFailureReason.UnsupportedVersion : CryptoFailureReason.AuthenticationFailed));
                if (index > 0)
                {
                    Assert.That(destination.Take(envelope.Length - AesGcmEnvelope.Overhead), Is.All.Zero, "no garbage plaintext");
                }
            }
        }
    }

    [Test]
    public void Every_truncation_is_rejected()
    {
        var envelope = Convert.FromBase64String(TestVectors.File.AesGcmMessage.EnvelopeBase64);
        using var cipher = new ContentCipher(TestVectors.DataKey);

        for (var length = 0; length < envelope.Length; length++)
        {
            var ok = cipher.TryDecrypt(envelope.AsSpan(0, length), new byte[envelope.Length], out _, out var reason);

            Assert.That(ok, Is.False, $"length {length}");
            Assert.That(reason, Is.EqualTo(length < AesGcmEnvelope.Overhead ? CryptoFailureReason.TooShort : CryptoFailureReason.AuthenticationFailed));
        }
    }

    [TestCase((byte)0x01)]
    [TestCase((byte)0xFF)]
    public void A_wrong_version_byte_is_rejected(byte version)
    {
        var envelope = Convert.FromBase64String(TestVectors.File.AesGcmMessage.EnvelopeBase64);
        envelope[0] = version;
        using var cipher = new ContentCipher(TestVectors.DataKey);

        Assert.That(() => cipher.DecryptFromBase64(Convert.ToBase64String(envelope)),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.UnsupportedVersion));
    }

    [Test]
    public void A_wrong_key_is_rejected()
    {
        using var cipher = new ContentCipher(TestVectors.MasterSecret);

        var ok = cipher.TryDecryptFromBase64(TestVectors.File.AesGcmMessage.EnvelopeBase64, out byte[]? plaintext, out var reason);

        Assert.That(ok, Is.False);
        Assert.That(plaintext, Is.Null);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.AuthenticationFailed));
    }

    [TestCase("")]
    [TestCase("AAAA")]
    [TestCase("not base64")]
    [TestCase("AKChoqOkpaanqKmqq506DkIpriCFQBD0tnVY7PwTwzdk99k2TqZ1BPIG2xAj6FQzmtdWcRF96GGwfVi52y9-KiQN8mcDuT6H2ZVJDm1_Zdny1Gv8rA==")]
    [TestCase("AKChoqOkpaanqKmqq506DkIpriCFQBD0tnVY7PwTwzdk99k2TqZ1BPIG2xAj6FQzmtdWcRF96GGwfVi52y9+KiQN8mcDuT6H2ZVJDm1/Zdny1Gv8rA")]
    [TestCase(" AKChoqOkpaanqKmqq506DkIpriCFQBD0tnVY7PwTwzdk99k2TqZ1BPIG2xAj6FQzmtdWcRF96GGwfVi52y9+KiQN8mcDuT6H2ZVJDm1/Zdny1Gv8rA==")]
    [TestCase("AKChoqOkpaanqKmqq506DkIpriCFQBD0tnVY7PwTwzdk99k2TqZ1BPIG2xAj6FQzmtdWcRF96GGwfVi52y9+KiQN8mcDuT6H2ZVJDm1/Zdny1Gv8rA=")]
    public void Bad_base64_or_too_short_is_a_typed_failure(string text)
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);

        var ok = cipher.TryDecryptFromBase64(text, out byte[]? plaintext, out var reason);

        Assert.That(ok, Is.False);
        Assert.That(plaintext, Is.Null);
        Assert.That(reason, Is.AnyOf(CryptoFailureReason.InvalidBase64, CryptoFailureReason.TooShort));
    }

    [Test]
    public void A_too_small_destination_is_a_typed_failure()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);

        Assert.Multiple(() =>
        {
            Assert.That(() => cipher.Encrypt(new byte[10], new byte[38]),
                Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.DestinationTooSmall));
            Assert.That(cipher.TryDecryptFromBase64(TestVectors.File.AesGcmMessage.EnvelopeBase64, new byte[10], out _, out var reason), Is.False);
            Assert.That(reason, Is.EqualTo(CryptoFailureReason.DestinationTooSmall));
        });
    }

    [TestCase(16)]
    [TestCase(31)]
    [TestCase(64)]
    public void A_key_that_is_not_32_bytes_is_a_typed_failure(int length) =>
        Assert.That(() => new ContentCipher(new byte[length]),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidKeyLength));

    [Test]
    public void Concurrent_use_of_one_cipher_round_trips()
    {
        using var cipher = new ContentCipher(TestVectors.DataKey);

        var ok = Enumerable.Range(0, 8).AsParallel().All(worker =>
            Enumerable.Range(0, 200).All(i =>
            {
                var plaintext = Encoding.UTF8.GetBytes($"{{\"w\":{worker},\"i\":{i}}}");
                return cipher.DecryptFromBase64(cipher.EncryptToBase64(plaintext)).AsSpan().SequenceEqual(plaintext);
            }));

        Assert.That(ok, Is.True);
    }
}
