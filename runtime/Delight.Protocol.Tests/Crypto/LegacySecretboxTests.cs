using System.Text;
using Delight.Protocol.Crypto;
using Delight.Protocol.Crypto.Vectors;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class LegacySecretboxTests
{
    private static IEnumerable<TestCaseData> Vectors() =>
        TestVectors.File.HistoricalSecretbox.Select((v, i) => new TestCaseData(v).SetName($"Historical secretbox {i}"));

    [TestCaseSource(nameof(Vectors))]
    public void Historical_vector_decrypts(SecretboxVector vector)
    {
        var plaintext = LegacySecretbox.OpenBase64(vector.CiphertextBase64, Convert.FromBase64String(vector.KeyBase64));

        Assert.That(Encoding.UTF8.GetString(plaintext), Is.EqualTo(vector.Plaintext));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Historical_vector_is_not_mistaken_for_an_aes_envelope(SecretboxVector vector) =>
        Assert.That(AesGcmEnvelope.LooksLikeEnvelope(Convert.FromBase64String(vector.CiphertextBase64)), Is.False);

    [TestCaseSource(nameof(Vectors))]
    public void Every_flipped_bit_is_rejected(SecretboxVector vector)
    {
        var blob = Convert.FromBase64String(vector.CiphertextBase64);
        var key = Convert.FromBase64String(vector.KeyBase64);
        foreach (var index in TamperCases.Positions(blob.Length))
        {
            Assert.That(LegacySecretbox.TryOpen(TamperCases.FlipBit(blob, index), key, out var plaintext, out var reason), Is.False, $"byte {index}");
            Assert.That(plaintext, Is.Null);
            Assert.That(reason, Is.EqualTo(CryptoFailureReason.AuthenticationFailed));
        }
    }

    [Test]
    public void Truncation_wrong_key_and_bad_base64_are_typed_failures()
    {
        var vector = TestVectors.File.HistoricalSecretbox[0];
        var blob = Convert.FromBase64String(vector.CiphertextBase64);
        var key = Convert.FromBase64String(vector.KeyBase64);

        Assert.Multiple(() =>
        {
            for (var length = 0; length < blob.Length; length++)
            {
                Assert.That(LegacySecretbox.TryOpen(blob.AsSpan(0, length), key, out _, out var reason), Is.False);
                Assert.That(reason, Is.EqualTo(length < LegacySecretbox.MinimumLength ? CryptoFailureReason.TooShort : CryptoFailureReason.AuthenticationFailed));
            }

            Assert.That(LegacySecretbox.TryOpen(blob, TestVectors.MasterSecret, out _, out var wrongKey), Is.False);
            Assert.That(wrongKey, Is.EqualTo(CryptoFailureReason.AuthenticationFailed));
            Assert.That(LegacySecretbox.TryOpenBase64("ZGVm ZGVm", key, out _, out var badBase64), Is.False);
            Assert.That(badBase64, Is.EqualTo(CryptoFailureReason.InvalidBase64));
            Assert.That(LegacySecretbox.TryOpen(blob, new byte[16], out _, out var shortKey), Is.False);
            Assert.That(shortKey, Is.EqualTo(CryptoFailureReason.InvalidKeyLength));
        });
    }

    [Test]
    public void Round_trip_with_random_keys([Random(1, ulong.MaxValue, 5)] ulong seed)
    {
        var random = new SeededRandomSource(seed);
        var key = TestVectors.RandomBytes(random, 32);
        var plaintext = TestVectors.RandomBytes(random, (int)(seed % 300));

        var blob = LegacySecretbox.Seal(plaintext, key, random);

        Assert.That(LegacySecretbox.TryOpen(blob, key, out var opened, out _), Is.True);
        Assert.That(opened, Is.EqualTo(plaintext));
    }

    [Test]
    public void Sealing_with_the_historical_nonce_reproduces_the_historical_ciphertext()
    {
        var vector = TestVectors.File.HistoricalSecretbox[1];
        var random = new ScriptedRandomSource(TestVectors.Range(100, 24));

        var blob = LegacySecretbox.Seal(Encoding.UTF8.GetBytes(vector.Plaintext), Convert.FromBase64String(vector.KeyBase64), random);

        Assert.That(Convert.ToBase64String(blob), Is.EqualTo(vector.CiphertextBase64));
    }
}
