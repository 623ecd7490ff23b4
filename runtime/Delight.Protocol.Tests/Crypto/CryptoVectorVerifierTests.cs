using System.Text;
using System.Text.Json.Nodes;
using Delight.Protocol.Crypto.Vectors;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Crypto;

[TestFixture]
public sealed class CryptoVectorVerifierTests
{
    private static IEnumerable<TestCaseData> Vectors() =>
        CryptoVectorVerifier.Verify(TestVectors.File).Select(result => new TestCaseData(result).SetName($"Vector {result.Name}"));

    [TestCaseSource(nameof(Vectors))]
    public void Every_bundled_vector_passes(CryptoVectorResult result) =>
        Assert.That(result.Passed, Is.True, $"{result.Name} ({result.Kind}): {result.Detail}");

    [Test]
    public void Every_kind_of_vector_is_checked()
    {
        var kinds = CryptoVectorVerifier.Verify(TestVectors.File).Select(r => r.Kind).Distinct();
        Assert.That(kinds, Is.EquivalentTo(Enum.GetValues<CryptoVectorKind>()));
    }

    [Test]
    public void The_bundled_file_matches_the_spec_inputs()
    {
        // PROTOCOL.md §9.12 c names the inputs as byte ranges; the file must agree with the prose.
        var inputs = TestVectors.File.Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(TestVectors.Hex(inputs.MasterSecretHex), Is.EqualTo(TestVectors.Range(100, 32)));
            Assert.That(TestVectors.Hex(inputs.DataEncryptionKeyHex), Is.EqualTo(TestVectors.Range(0, 32)));
            Assert.That(TestVectors.Hex(inputs.GcmNonceHex), Is.EqualTo(TestVectors.Range(160, 12)));
            Assert.That(TestVectors.Hex(inputs.WrapEphemeralSecretHex), Is.EqualTo(TestVectors.Range(200, 32)));
            Assert.That(TestVectors.Hex(inputs.WrapNonceHex), Is.EqualTo(TestVectors.Range(16, 24)));
            Assert.That(TestVectors.Hex(inputs.ChallengeHex), Is.EqualTo(TestVectors.Range(192, 32)));
        });
    }

    [TestCase("aesGcmMessage", "envelope_b64", "aesGcmMessage.encrypt")]
    [TestCase("contentKeyPair", "public_hex", "contentKeyPair.public")]
    [TestCase("ed25519Auth", "signature_b64", "ed25519Auth.signature")]
    [TestCase("jwt", "token", "jwt.signature")]
    [TestCase("pairing", "qr_url", "pairing.qrUrl")]
    [TestCase("deriveKey", "root_chain_hex", "deriveKey.root")]
    public void An_altered_value_fails_its_vector_and_names_the_field(string section, string field, string vectorName)
    {
        var file = Alter(root => root[section]![field] = Mutate(root[section]![field]!.GetValue<string>()));

        var results = CryptoVectorVerifier.Verify(file);

        var failed = results.Where(r => !r.Passed).ToList();
        Assert.That(failed.Select(r => r.Name), Does.Contain(vectorName));
        Assert.That(failed.Single(r => r.Name == vectorName).Detail, Does.Contain(field));
    }

    [Test]
    public void A_non_hex_input_fails_the_vectors_that_use_it_with_a_named_field()
    {
        var file = Alter(root => root["inputs"]!["gcmNonce_hex"] = "zz");

        var failed = CryptoVectorVerifier.Verify(file).Where(r => !r.Passed).ToList();

        Assert.That(failed.Select(r => r.Name), Is.SupersetOf(new[] { "inputs", "aesGcmMessage.encrypt", "aesGcmRpcParams.encrypt" }));
        Assert.That(failed.First(r => r.Name == "aesGcmMessage.encrypt").Detail, Does.Contain("inputs.gcmNonce_hex is not hex"));
        Assert.That(CryptoVectorVerifier.Verify(file).Single(r => r.Name == "aesGcmMessage.decrypt").Passed, Is.True);
    }

    [Test]
    public void An_unknown_aes_key_name_is_a_failed_vector_not_an_exception()
    {
        var file = Alter(root => root["aesGcmMessage"]!["key"] = "someOtherKey");

        var result = CryptoVectorVerifier.Verify(file).Single(r => r.Name == "aesGcmMessage.decrypt");

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Detail, Does.Contain("someOtherKey"));
    }

    [TestCase("not json at all")]
    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("""{"inputs": 5}""")]
    public void A_file_of_the_wrong_shape_is_a_format_error(string json) =>
        Assert.That(() => CryptoVectorFileParser.Parse(Encoding.UTF8.GetBytes(json)),
            Throws.TypeOf<CryptoVectorFormatException>().With.Message.StartsWith("not a crypto-vectors file"));

    [Test]
    public void A_missing_field_is_a_format_error_naming_it()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestVectors.Path))!;
        json["jwt"]!.AsObject().Remove("token");

        Assert.That(() => CryptoVectorFileParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString())),
            Throws.TypeOf<CryptoVectorFormatException>().With.Message.Contains("token"));
    }

    [Test]
    public void A_null_required_string_is_a_format_error()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestVectors.Path))!;
        json["pairing"]!["qr_url"] = null;

        Assert.That(() => CryptoVectorFileParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString())),
            Throws.TypeOf<CryptoVectorFormatException>());
    }

    private static CryptoVectorFile Alter(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(TestVectors.Path))!;
        change(json);
        return CryptoVectorFileParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    // Changes one character to another of the same alphabet so the value still decodes.
    private static string Mutate(string value)
    {
        var index = value.Length / 2;
        while (!char.IsAsciiLetterOrDigit(value[index]))
        {
            index++;
        }

        var replacement = value[index] == 'a' ? 'b' : value[index] == '0' ? '1' : 'a';
        if (char.IsAsciiHexDigit(value[index]) && !char.IsAsciiHexDigit(replacement))
        {
            replacement = 'b';
        }

        return value[..index] + replacement + value[(index + 1)..];
    }
}
