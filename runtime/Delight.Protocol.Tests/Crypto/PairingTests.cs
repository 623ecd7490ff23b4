using Delight.Protocol.Crypto;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class PairingTests
{
    private static BoxKeyPair Terminal => BoxKeyPair.FromSecretKey(TestVectors.Hex(TestVectors.File.Inputs.TerminalBoxSecretHex));

    [Test]
    public void Qr_url_of_the_vector_terminal_key()
    {
        Assert.That(Terminal.PublicKeyBase64, Is.EqualTo(TestVectors.File.Pairing.TerminalPublicBase64));
        Assert.That(PairingUrl.Format(Terminal.PublicKey), Is.EqualTo(TestVectors.File.Pairing.QrUrl));
        Assert.That(PairingUrl.Parse(TestVectors.File.Pairing.QrUrl), Is.EqualTo(Terminal.PublicKey.ToArray()));
    }

    [Test]
    public void Response_with_the_vector_ephemeral_key_and_nonce_gives_the_vector_bundle()
    {
        var random = new ScriptedRandomSource(
            TestVectors.Hex(TestVectors.File.Inputs.PairEphemeralSecretHex), TestVectors.Hex(TestVectors.File.Inputs.PairNonceHex));

        var response = PairingResponse.Create(TestVectors.MasterSecret, Terminal.PublicKey, random);

        Assert.That(response, Is.EqualTo(TestVectors.File.Pairing.ResponseBase64));
        Assert.That(Convert.FromBase64String(response), Has.Length.EqualTo(104));
    }

    [Test]
    public void The_vector_response_opens_as_v1()
    {
        var ok = PairingResponse.TryOpen(TestVectors.File.Pairing.ResponseBase64, Terminal.SecretKey, out var master, out var version, out _);

        Assert.That(ok, Is.True);
        Assert.That(version, Is.EqualTo(PairingResponseVersion.V1));
        Assert.That(master, Is.EqualTo(TestVectors.MasterSecret));
    }

    [TestCase(PairingResponseVersion.V1)]
    [TestCase(PairingResponseVersion.V2)]
    public void Both_versions_round_trip_with_random_keys(PairingResponseVersion sent)
    {
        var random = new SeededRandomSource(99 + (ulong)sent);
        var terminal = BoxKeyPair.Generate(random);
        var master = TestVectors.RandomBytes(random, 32);

        var response = PairingResponse.Create(master, terminal.PublicKey, random, sent);
        var ok = PairingResponse.TryOpen(response, terminal.SecretKey, out var opened, out var version, out _);

        Assert.That(ok, Is.True);
        Assert.That(version, Is.EqualTo(sent));
        Assert.That(opened, Is.EqualTo(master));
    }

    [TestCase(31)]
    [TestCase(34)]
    [TestCase(0)]
    public void Payloads_of_other_lengths_are_rejected(int length)
    {
        var random = new SeededRandomSource(5);
        var response = Convert.ToBase64String(BoxBundle.Seal(new byte[length], Terminal.PublicKey, random));

        Assert.That(PairingResponse.TryOpen(response, Terminal.SecretKey, out _, out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.InvalidPayloadLength));
    }

    [Test]
    public void A_33_byte_payload_not_starting_with_zero_is_rejected()
    {
        var payload = new byte[33];
        payload[0] = 1;
        var response = Convert.ToBase64String(BoxBundle.Seal(payload, Terminal.PublicKey, new SeededRandomSource(6)));

        Assert.That(PairingResponse.TryOpen(response, Terminal.SecretKey, out _, out _, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo(CryptoFailureReason.InvalidPayloadLength));
    }

    [Test]
    public void A_tampered_response_is_rejected()
    {
        var bundle = Convert.FromBase64String(TestVectors.File.Pairing.ResponseBase64);
        foreach (var index in TamperCases.Positions(bundle.Length))
        {
            var tampered = Convert.ToBase64String(TamperCases.FlipBit(bundle, index));
            Assert.That(PairingResponse.TryOpen(tampered, Terminal.SecretKey, out _, out _, out var reason), Is.False, $"byte {index}");
            Assert.That(reason, Is.EqualTo(CryptoFailureReason.AuthenticationFailed));
        }

        Assert.That(() => PairingResponse.Open("%%%", Terminal.SecretKey),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidBase64));
    }

    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX/3v2GVGjdt3sUst0nUXXqCrQpT6bXo=")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX/3v2GVGjdt3sUst0nUXXqCrQpT6bXo")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo%3D")]
    [TestCase("DELIGHT://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo")]
    public void Url_parsing_accepts_every_base64_flavour(string url) =>
        Assert.That(PairingUrl.Parse(url), Is.EqualTo(Terminal.PublicKey.ToArray()));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("https://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo")]
    [TestCase("delight://machine?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo")]
    [TestCase("delight://terminal")]
    [TestCase("delight://terminal?")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6b")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo4Fsa")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT+bXo")]
    [TestCase("delight://terminal?4Fsa4yICSDgJX_3v2GVGjdt3sUst0nUXXqCrQpT6bXo===")]
    public void Bad_urls_are_a_typed_failure(string? url) =>
        Assert.That(() => PairingUrl.Parse(url),
            Throws.TypeOf<CryptoFailureException>().With.Property(nameof(CryptoFailureException.Reason)).EqualTo(CryptoFailureReason.InvalidPairingUrl));
}
