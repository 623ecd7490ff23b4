using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class ContentKeyPairTests
{
    [Test]
    public void Keypair_from_master_secret_matches_the_vector()
    {
        var pair = ContentKeyPair.FromMasterSecret(TestVectors.MasterSecret);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(pair.SecretKey), Is.EqualTo(TestVectors.File.ContentKeyPair.SecretClampedHex));
            Assert.That(Convert.ToHexStringLower(pair.PublicKey), Is.EqualTo(TestVectors.File.ContentKeyPair.PublicHex));
            Assert.That(pair.PublicKeyBase64, Is.EqualTo(TestVectors.File.ContentKeyPair.PublicBase64));
        });
    }

    [Test]
    public void Libsodium_seed_keypair_is_a_different_key_and_is_not_used()
    {
        var seed = KeyTree.DeriveContentSeed(TestVectors.MasterSecret);

        var libsodium = ContentKeyPair.LibsodiumSeedKeyPairPublicKey(seed);

        Assert.That(Convert.ToHexStringLower(libsodium), Is.EqualTo(TestVectors.File.ContentKeyPair.LibsodiumSeedKeyPairPublicHex));
        Assert.That(libsodium, Is.Not.EqualTo(ContentKeyPair.FromSeed(seed).PublicKey.ToArray()));
    }

    [Test]
    public void Clamping_does_not_change_the_public_key()
    {
        var seed = KeyTree.DeriveContentSeed(TestVectors.MasterSecret);

        Assert.That(BoxKeyPair.FromSecretKey(seed).PublicKey.ToArray(), Is.EqualTo(ContentKeyPair.FromSeed(seed).PublicKey.ToArray()));
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(33)]
    public void Wrong_master_secret_length_is_a_typed_failure(int length) =>
        Assert.That(() => ContentKeyPair.FromMasterSecret(new byte[length]),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidKeyLength));
}
