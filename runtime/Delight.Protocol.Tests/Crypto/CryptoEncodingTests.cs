using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class CryptoEncodingTests
{
    [TestCase("")]
    [TestCase("AQID")]
    [TestCase("AQIDBA==")]
    [TestCase("AQIDBAU=")]
    [TestCase("+/+/")]
    public void Strict_base64_accepts_standard_padded_text(string text)
    {
        Assert.That(CryptoEncoding.TryDecodeBase64(text, out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(Convert.FromBase64String(text)));
    }

    [TestCase("AQIDBA")]
    [TestCase("AQIDBA=")]
    [TestCase("AQ=DBA==")]
    [TestCase("AQID BA==")]
    [TestCase("AQID\nBA==")]
    [TestCase("-_-_")]
    [TestCase("AQIDBA===")]
    [TestCase("====")]
    public void Strict_base64_rejects_everything_else(string text)
    {
        Assert.That(CryptoEncoding.TryDecodeBase64(text, out _), Is.False);
        Assert.That(() => CryptoEncoding.DecodeBase64(text),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidBase64));
    }

    [TestCase("+/8", new byte[] { 0xfb, 0xff })]
    [TestCase("-_8", new byte[] { 0xfb, 0xff })]
    [TestCase("+/8=", new byte[] { 0xfb, 0xff })]
    [TestCase("-_8=", new byte[] { 0xfb, 0xff })]
    public void Lenient_base64_accepts_every_flavour(string text, byte[] expected)
    {
        Assert.That(CryptoEncoding.TryDecodeAnyBase64(text, out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("+_8")]
    [TestCase("+/8==")]
    [TestCase("+/ 8")]
    [TestCase("A")]
    public void Lenient_base64_still_rejects_mixtures_and_junk(string text) =>
        Assert.That(CryptoEncoding.TryDecodeAnyBase64(text, out _), Is.False);

    [Test]
    public void Base64url_without_padding_round_trips()
    {
        var bytes = TestVectors.Range(250, 6);

        var text = CryptoEncoding.EncodeBase64UrlNoPadding(bytes);

        Assert.That(text, Does.Not.Contain("=").And.Not.Contain("+").And.Not.Contain("/"));
        Assert.That(CryptoEncoding.TryDecodeBase64UrlNoPadding(text, out var decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(bytes));
    }

    [TestCase("abc", false)]
    [TestCase("ABcd09", true)]
    [TestCase("xyz0", false)]
    [TestCase(null, false)]
    public void Hex_decoding_is_exact(string? hex, bool valid) =>
        Assert.That(CryptoEncoding.TryDecodeHex(hex, out _), Is.EqualTo(valid));
}
