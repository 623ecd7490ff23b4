using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class BoxBundleTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(32)]
    [TestCase(4000)]
    public void Round_trip_with_random_keys(int length)
    {
        var random = new SeededRandomSource((ulong)length + 11);
        var recipient = BoxKeyPair.Generate(random);
        var plaintext = TestVectors.RandomBytes(random, length);

        var bundle = BoxBundle.Seal(plaintext, recipient.PublicKey, random);

        Assert.That(bundle, Has.Length.EqualTo(BoxBundle.GetSealedLength(length)));
        Assert.That(BoxBundle.Open(bundle, recipient.SecretKey), Is.EqualTo(plaintext));
    }

    [Test]
    public void Layout_is_ephemeral_key_then_nonce_then_tag_and_ciphertext()
    {
        var ephemeral = TestVectors.Range(200, 32);
        var nonce = TestVectors.Range(16, 24);
        var recipient = BoxKeyPair.FromSecretKey(TestVectors.Range(50, 32));

        var bundle = BoxBundle.Seal([1, 2, 3], recipient.PublicKey, new ScriptedRandomSource(ephemeral, nonce));

        Assert.That(bundle[..32], Is.EqualTo(BoxKeyPair.FromSecretKey(ephemeral).PublicKey.ToArray()));
        Assert.That(bundle[32..56], Is.EqualTo(nonce));
        Assert.That(bundle, Has.Length.EqualTo(56 + 16 + 3));
    }

    [Test]
    public void Every_flipped_bit_fails_authentication()
    {
        var random = new SeededRandomSource(3);
        var recipient = BoxKeyPair.Generate(random);
        var bundle = BoxBundle.Seal("{\"secret\":true}"u8, recipient.PublicKey, random);

        foreach (var index in TamperCases.Positions(bundle.Length))
        {
            foreach (var bit in new[] { 0, 7 })
            {
                var ok = BoxBundle.TryOpen(TamperCases.FlipBit(bundle, index, bit), recipient.SecretKey, out var plaintext, out var reason);

                Assert.That(ok, Is.False, $"byte {index} bit {bit}");
                Assert.That(plaintext, Is.Null);
                // The ephemeral key's top bit is ignored by X25519, so the bundle refuses it outright.
                var expected = index == 31 && bit == 7 ? CryptoFailureReason.InvalidPublicKey : CryptoFailureReason.AuthenticationFailed;
                Assert.That(reason, Is.EqualTo(expected), $"byte {index} bit {bit}");
            }
        }
    }

    [Test]
    public void Truncated_bundles_are_rejected()
    {
        var random = new SeededRandomSource(4);
        var recipient = BoxKeyPair.Generate(random);
        var bundle = BoxBundle.Seal(new byte[10], recipient.PublicKey, random);

        for (var length = 0; length < bundle.Length; length++)
        {
            var ok = BoxBundle.TryOpen(bundle.AsSpan(0, length), recipient.SecretKey, out _, out var reason);

            Assert.That(ok, Is.False, $"length {length}");
            Assert.That(reason, Is.EqualTo(length < BoxBundle.MinimumLength ? CryptoFailureReason.TooShort : CryptoFailureReason.AuthenticationFailed));
        }
    }

    [Test]
    public void Wrong_recipient_key_is_rejected()
    {
        var random = new SeededRandomSource(5);
        var recipient = BoxKeyPair.Generate(random);
        var stranger = BoxKeyPair.Generate(random);
        var bundle = BoxBundle.Seal(new byte[8], recipient.PublicKey, random);

        Assert.That(() => BoxBundle.Open(bundle, stranger.SecretKey),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.AuthenticationFailed));
    }

    [Test]
    public void A_low_order_recipient_key_is_refused()
    {
        // The all-zero point is of small order; libsodium refuses to box to it.
        Assert.That(() => BoxBundle.Seal(new byte[4], new byte[32], new SeededRandomSource(1)),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidPublicKey));
    }
}
