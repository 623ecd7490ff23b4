using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class Ed25519Tests
{
    private static Ed25519KeyPair Account => Ed25519KeyPair.ForAccount(TestVectors.MasterSecret);

    [Test]
    public void Account_key_from_sha256_of_master_secret_matches_the_vector()
    {
        var vector = TestVectors.File.Ed25519Auth;

        Assert.Multiple(() =>
        {
            Assert.That(Account.PublicKeyBase64, Is.EqualTo(vector.PublicBase64));
            Assert.That(Account.PublicKeyHex, Is.EqualTo(vector.AccountPublicKeyDbHex));
            Assert.That(Ed25519KeyPair.FromSeed(TestVectors.Hex(vector.SeedHex)).PublicKeyHex, Is.EqualTo(vector.PublicHex));
        });
    }

    [Test]
    public void Challenge_signature_matches_the_vector_and_verifies()
    {
        var signed = AuthChallenge.Sign(Account, TestVectors.File.Inputs.ChallengeBase64);

        Assert.That(signed.Signature, Is.EqualTo(TestVectors.File.Ed25519Auth.SignatureBase64));
        Assert.That(signed.PublicKey, Is.EqualTo(TestVectors.File.Ed25519Auth.PublicBase64));
        Assert.That(AuthChallenge.Verify(signed.PublicKey, TestVectors.File.Inputs.ChallengeBase64, signed.Signature), Is.True);
    }

    [Test]
    public void A_tampered_signature_or_challenge_does_not_verify()
    {
        var signature = Convert.FromBase64String(TestVectors.File.Ed25519Auth.SignatureBase64);
        var challenge = TestVectors.Hex(TestVectors.File.Inputs.ChallengeHex);

        foreach (var index in TamperCases.Positions(signature.Length))
        {
            Assert.That(Ed25519KeyPair.Verify(Account.PublicKey, challenge, TamperCases.FlipBit(signature, index)), Is.False, $"signature byte {index}");
        }

        Assert.That(Ed25519KeyPair.Verify(Account.PublicKey, TamperCases.FlipBit(challenge, 5), signature), Is.False);
        Assert.That(Ed25519KeyPair.Verify(Account.PublicKey, challenge, signature.AsSpan(0, 63)), Is.False);
        Assert.That(Ed25519KeyPair.Verify(Account.PublicKey.ToArray()[..31], challenge, signature), Is.False);
    }

    [Test]
    public void A_challenge_that_is_not_base64_is_a_typed_failure() =>
        Assert.That(() => AuthChallenge.Sign(Account, "not base64"),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidBase64));

    [Test]
    public void Verify_with_undecodable_inputs_is_false_not_an_exception() =>
        Assert.That(AuthChallenge.Verify("??", "also??", "bad"), Is.False);

    [Test]
    public void Server_jwt_key_comes_from_sha256_of_the_secret_string() =>
        Assert.That(Ed25519KeyPair.ForServerJwt(TestVectors.File.Jwt.ServerMasterSecret).PublicKeyHex,
            Is.EqualTo(TestVectors.File.Jwt.ServerPublicHex));

    [Test]
    public void Sign_and_verify_round_trip_with_random_seeds([Random(1, ulong.MaxValue, 5)] ulong seed)
    {
        var random = new SeededRandomSource(seed);
        var pair = Ed25519KeyPair.FromSeed(TestVectors.RandomBytes(random, 32));
        var message = TestVectors.RandomBytes(random, 77);

        Assert.That(Ed25519KeyPair.Verify(pair.PublicKey, message, pair.Sign(message)), Is.True);
    }
}
