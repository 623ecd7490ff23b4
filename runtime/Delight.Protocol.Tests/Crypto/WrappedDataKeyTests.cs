using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class WrappedDataKeyTests
{
    private static BoxKeyPair Content => ContentKeyPair.FromMasterSecret(TestVectors.MasterSecret);

    [Test]
    public void Wrap_with_the_vector_ephemeral_key_and_nonce_gives_the_vector_bytes()
    {
        var random = new ScriptedRandomSource(TestVectors.Range(200, 32), TestVectors.Range(16, 24));

        var wrapped = WrappedDataKey.Wrap(TestVectors.DataKey, Content.PublicKey, random);

        Assert.That(wrapped, Is.EqualTo(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64));
        Assert.That(wrapped, Has.Length.EqualTo(140));
        Assert.That(Convert.FromBase64String(wrapped), Has.Length.EqualTo(WrappedDataKey.WrappedLength));
        Assert.That(random.Remaining, Is.Zero);
    }

    [Test]
    public void Unwrap_of_the_vector_gives_the_data_key() =>
        Assert.That(WrappedDataKey.Unwrap(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64, Content.SecretKey),
            Is.EqualTo(TestVectors.DataKey));

    [Test]
    public void Round_trip_with_random_keys([Random(1, ulong.MaxValue, 8)] ulong seed)
    {
        var random = new SeededRandomSource(seed);
        var master = TestVectors.RandomBytes(random, 32);
        var dek = TestVectors.RandomBytes(random, 32);
        var content = ContentKeyPair.FromMasterSecret(master);

        var wrapped = WrappedDataKey.Wrap(dek, content.PublicKey, random);

        Assert.That(WrappedDataKey.Unwrap(wrapped, content.SecretKey), Is.EqualTo(dek));
    }

    [Test]
    public void Every_flipped_bit_is_rejected_with_a_typed_reason()
    {
        var wrapped = Convert.FromBase64String(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64);
        foreach (var index in TamperCases.Positions(wrapped.Length))
        {
            var tampered = Convert.ToBase64String(TamperCases.FlipBit(wrapped, index));

            var ok = WrappedDataKey.TryUnwrap(tampered, Content.SecretKey, out var dek, out var reason);

            Assert.That(ok, Is.False, $"byte {index}");
            Assert.That(dek, Is.Null);
            Assert.That(reason, Is.EqualTo(index == 0 ? CryptoFailureReason.UnsupportedVersion : CryptoFailureReason.AuthenticationFailed),
                $"byte {index}");
        }
    }

    [Test]
    public void Every_truncation_is_rejected()
    {
        var wrapped = Convert.FromBase64String(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64);
        for (var length = 0; length < wrapped.Length; length++)
        {
            var ok = WrappedDataKey.TryUnwrap(Convert.ToBase64String(wrapped, 0, length), Content.SecretKey, out _, out var reason);

            Assert.That(ok, Is.False, $"length {length}");
            Assert.That(reason, Is.AnyOf(CryptoFailureReason.TooShort, CryptoFailureReason.AuthenticationFailed), $"length {length}");
        }
    }

    [Test]
    public void Wrong_content_key_is_rejected()
    {
        var other = ContentKeyPair.FromMasterSecret(TestVectors.Range(1, 32));

        Assert.That(() => WrappedDataKey.Unwrap(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64, other.SecretKey),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.AuthenticationFailed));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("AE1bq4mw cz2d")]
    [TestCase("AE1bq4mwcz2djc7PBPMhyQt2G3dlpr2yvdv60-er3x9m")]
    public void Bad_base64_is_rejected(string? text)
    {
        var ok = WrappedDataKey.TryUnwrap(text, Content.SecretKey, out _, out var reason);

        Assert.That(ok, Is.False);
        Assert.That(reason, Is.AnyOf(CryptoFailureReason.InvalidBase64, CryptoFailureReason.TooShort));
    }

    [Test]
    public void A_wrapped_payload_that_is_not_32_bytes_is_rejected()
    {
        var random = new SeededRandomSource(7);
        var bundle = BoxBundle.Seal(new byte[31], Content.PublicKey, random);
        var wrapped = Convert.ToBase64String([0x00, .. bundle]);

        Assert.That(WrappedDataKey.TryUnwrap(wrapped, Content.SecretKey, out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.InvalidPayloadLength));
    }

    [Test]
    public void Legacy_raw_data_key_fallback_accepts_plain_base64_of_32_bytes()
    {
        var raw = Convert.ToBase64String(TestVectors.DataKey);

        var ok = WrappedDataKey.TryUnwrapOrRaw(raw, Content.SecretKey, out var dek, out var wasRaw, out _);

        Assert.That(ok, Is.True);
        Assert.That(wasRaw, Is.True);
        Assert.That(dek, Is.EqualTo(TestVectors.DataKey));
        Assert.That(WrappedDataKey.TryUnwrap(raw, Content.SecretKey, out _, out _), Is.False, "strict unwrap has no fallback");
    }

    [Test]
    public void Legacy_fallback_prefers_the_wrapped_form()
    {
        var ok = WrappedDataKey.TryUnwrapOrRaw(TestVectors.File.WrappedDataEncryptionKey.WrappedBase64, Content.SecretKey,
            out var dek, out var wasRaw, out _);

        Assert.That(ok && !wasRaw, Is.True);
        Assert.That(dek, Is.EqualTo(TestVectors.DataKey));
    }

    [Test]
    public void Wrapping_a_key_that_is_not_32_bytes_is_a_typed_failure() =>
        Assert.That(() => WrappedDataKey.Wrap(new byte[16], Content.PublicKey, SystemRandomSource.Instance),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidKeyLength));
}
