using System.Text;
using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class JwtTests
{
    private static string Token => TestVectors.File.Jwt.Token;

    [Test]
    public void Expiry_of_the_vector_token_is_read()
    {
        Assert.That(JwtToken.ReadExpiry(Token), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1767121256)));
        Assert.That(JwtToken.TryReadClaims(Token, out var claims, out _), Is.True);
        Assert.That(claims, Is.EqualTo(new JwtClaims("delight-server", "c1767034856000000000", 1767121256, 1767034856, 1767034856)));
    }

    [Test]
    public void Issuing_the_vector_claims_reproduces_the_vector_token()
    {
        var serverKey = Ed25519KeyPair.ForServerJwt(TestVectors.File.Jwt.ServerMasterSecret);

        var token = JwtSigner.Issue(serverKey, "c1767034856000000000", DateTimeOffset.FromUnixTimeSeconds(1767034856));

        Assert.That(token, Is.EqualTo(Token));
        Assert.That(JwtSigner.TryVerify(token, serverKey.PublicKey, out _), Is.True);
    }

    [Test]
    public void A_tampered_payload_does_not_verify()
    {
        var serverKey = Ed25519KeyPair.ForServerJwt(TestVectors.File.Jwt.ServerMasterSecret);
        var parts = Token.Split('.');
        var forged = parts[0] + "." + Segment("""{"iss":"delight-server","sub":"someone-else","exp":9999999999}""") + "." + parts[2];

        Assert.That(JwtSigner.TryVerify(forged, serverKey.PublicKey, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.InvalidSignature));
    }

    [Test]
    public void Alg_none_is_refused()
    {
        var serverKey = Ed25519KeyPair.ForServerJwt(TestVectors.File.Jwt.ServerMasterSecret);
        var parts = Token.Split('.');
        var token = Segment("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + "." + parts[2];

        Assert.That(JwtSigner.TryVerify(token, serverKey.PublicKey, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.InvalidSignature));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("abc")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    [TestCase("eyJhbGciOiJFZERTQSJ9..sig")]
    [TestCase("eyJhbGciOiJFZERTQSJ9.!!!.sig")]
    [TestCase("eyJhbGciOiJFZERTQSJ9.eyJleHAiOjF9=.sig")]
    [TestCase("eyJhbGciOiJFZERTQSJ9.eyJleHAiOjF9+.sig")]
    public void A_malformed_token_is_a_typed_error(string? token)
    {
        Assert.That(JwtToken.TryReadExpiry(token, out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.MalformedToken));
        Assert.That(() => JwtToken.ReadExpiry(token),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.MalformedToken));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("\"exp\"")]
    [TestCase("""{"exp":"1767121256"}""")]
    [TestCase("""{"exp":true}""")]
    [TestCase("""{"exp":1767121256""")]
    [TestCase("""{"exp":1} trailing""")]
    [TestCase("""{"iss":5,"exp":1}""")]
    public void A_payload_that_is_not_a_claims_object_is_malformed(string payload)
    {
        Assert.That(JwtToken.TryReadExpiry(WithPayload(payload), out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.MalformedToken));
    }

    [TestCase("""{"iss":"delight-server"}""")]
    [TestCase("""{"exp":null}""")]
    [TestCase("""{"exp":-5}""")]
    [TestCase("""{"exp":99999999999999}""")]
    public void A_missing_or_unusable_exp_is_a_missing_claim(string payload)
    {
        Assert.That(JwtToken.TryReadExpiry(WithPayload(payload), out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.MissingClaim));
    }

    [Test]
    public void A_fractional_exp_is_floored_and_unknown_claims_are_ignored() =>
        Assert.That(JwtToken.ReadExpiry(WithPayload("""{"extras":{"a":[1,2]},"exp":1767121256.75}""")),
            Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1767121256)));

    [TestCase(11, false)]
    [TestCase(10, false)]
    [TestCase(9, true)]
    [TestCase(-1, true)]
    public void Refresh_is_needed_when_fewer_than_ten_minutes_remain(int minutesLeft, bool needsRefresh)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1767121256).AddMinutes(-minutesLeft);

        Assert.That(JwtToken.NeedsRefresh(Token, now), Is.EqualTo(needsRefresh));
    }

    [Test]
    public void An_unreadable_token_always_needs_refresh() =>
        Assert.That(JwtToken.NeedsRefresh("garbage", DateTimeOffset.UnixEpoch), Is.True);

    private static string Segment(string json) => CryptoEncoding.EncodeBase64UrlNoPadding(Encoding.UTF8.GetBytes(json));

    private static string WithPayload(string payloadJson) =>
        Segment("""{"alg":"EdDSA","typ":"JWT"}""") + "." + Segment(payloadJson) + ".c2ln";
}
