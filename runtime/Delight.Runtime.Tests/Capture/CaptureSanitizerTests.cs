using System.Text;
using System.Text.Json.Nodes;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Sanitizing;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Capture;

public sealed class CaptureSanitizerTests
{
    // Planted secrets: a token, raw key bytes, message text, a path, tool input and output.
    private const string Token = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c2VyLXNlY3JldCJ9.c2lnbmF0dXJlLXNlY3JldA";
    private static readonly byte[] KeyBytes = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 ^ i)).ToArray();
    private const string MessageText = "deploy the launch codes 0000-1111 to production";
    private const string SecretPath = "/home/alice/projects/top-secret-repo";
    private const string ToolInput = "cat ~/.ssh/id_ed25519";
    private const string ToolOutput = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjE";

    private static string[] PlantedCapture()
    {
        var keyB64 = Convert.ToBase64String(KeyBytes);
        var keyHex = Convert.ToHexString(KeyBytes);
        var record = new JsonObject
        {
            ["role"] = "agent",
            ["content"] = new JsonObject
            {
                ["type"] = "output",
                ["data"] = new JsonObject { ["type"] = "tool_result", ["output"] = ToolOutput, ["input"] = ToolInput },
            },
        };
        return
        [
            new JsonObject { ["format"] = "delight-capture", ["formatVersion"] = 1, ["token"] = Token, ["workDirectory"] = SecretPath }.ToJsonString(),
            new JsonObject
            {
                ["index"] = 1, ["atMs"] = 10, ["dir"] = "in", ["source"] = "socket:session",
                ["payload"] = new JsonObject { ["kind"] = "inbound-user-message", ["sessionId"] = "cmb3xyzsession", ["localId"] = "local-abc", ["text"] = MessageText, ["key"] = keyB64, ["dek"] = keyHex },
            }.ToJsonString(),
            new JsonObject
            {
                ["index"] = 2, ["atMs"] = 11, ["dir"] = "out", ["source"] = "reducer",
                ["payload"] = new JsonObject { ["kind"] = "emit-message", ["sid"] = "cmb3xyzsession", ["recordJson"] = record.ToJsonString(), ["c"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(MessageText)) },
            }.ToJsonString(),
            new JsonObject
            {
                ["index"] = 3, ["atMs"] = 12, ["dir"] = "in", ["source"] = "engine",
                ["payload"] = new JsonObject { ["kind"] = "permission-requested", ["toolName"] = "Bash", ["inputJson"] = new JsonObject { ["command"] = ToolInput, ["cwd"] = SecretPath }.ToJsonString(), ["model"] = Token },
            }.ToJsonString(),
        ];
    }

    private static IEnumerable<string> Encodings(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        yield return secret;
        yield return Convert.ToBase64String(bytes);
        yield return Convert.ToHexString(bytes);
        yield return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    [Test]
    public void No_planted_secret_survives_in_any_encoding()
    {
        var output = string.Join("\n", new CaptureSanitizer().SanitizeLines(PlantedCapture()));
        var secrets = new[] { Token, MessageText, SecretPath, ToolInput, ToolOutput, "cmb3xyzsession", "local-abc" };
        foreach (var secret in secrets)
        {
            foreach (var encoded in Encodings(secret))
            {
                Assert.That(output, Does.Not.Contain(encoded), $"a planted secret survived: {secret[..Math.Min(12, secret.Length)]}...");
            }
        }

        foreach (var encoded in new[] { Convert.ToBase64String(KeyBytes), Convert.ToHexString(KeyBytes), Convert.ToHexString(KeyBytes).ToLowerInvariant() })
        {
            Assert.That(output, Does.Not.Contain(encoded), "raw key bytes survived");
        }
    }

    [Test]
    public void Structure_and_equality_survive()
    {
        var lines = new CaptureSanitizer().SanitizeLines(PlantedCapture()).Select(l => JsonNode.Parse(l)!).ToArray();
        var inbound = lines[1]["payload"]!;
        var emit = lines[2]["payload"]!;
        Assert.That(inbound["kind"]!.GetValue<string>(), Is.EqualTo("inbound-user-message"));
        Assert.That(inbound["sessionId"]!.GetValue<string>(), Is.EqualTo("session-1"));
        Assert.That(emit["sid"]!.GetValue<string>(), Is.EqualTo("session-1"), "the same id maps to the same pseudonym across fields");
        Assert.That(lines[1]["index"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(lines[1]["dir"]!.GetValue<string>(), Is.EqualTo("in"));

        var record = JsonNode.Parse(emit["recordJson"]!.GetValue<string>())!;
        Assert.That(record["role"]!.GetValue<string>(), Is.EqualTo("agent"), "embedded records keep their structure");
        Assert.That(record["content"]!["data"]!["input"]!.GetValue<string>(), Does.Match("^redacted:text-[0-9]+$"));

        var permission = lines[3]["payload"]!;
        Assert.That(permission["toolName"]!.GetValue<string>(), Is.EqualTo("Bash"));
        var input = JsonNode.Parse(permission["inputJson"]!.GetValue<string>())!;
        Assert.That(input["command"]!.GetValue<string>(), Is.EqualTo(record["content"]!["data"]!["input"]!.GetValue<string>()),
            "the same value gets the same placeholder everywhere");
        Assert.That(input["cwd"]!.GetValue<string>(), Does.Match("^redacted:path-[0-9]+$"));
        Assert.That(permission["model"]!.GetValue<string>(), Does.Match("^redacted:text-[0-9]+$"), "a vocabulary field with a non-vocabulary value is redacted");
    }

    [Test]
    public void Sanitizing_twice_changes_nothing()
    {
        var once = new CaptureSanitizer().SanitizeLines(PlantedCapture()).ToArray();
        var twice = new CaptureSanitizer().SanitizeLines(once).ToArray();
        Assert.That(twice, Is.EqualTo(once));
    }

    [Test]
    public void A_line_that_is_not_json_names_its_line_number()
    {
        var lines = PlantedCapture().Take(2).Append("{not json").ToArray();
        var error = Assert.Throws<CaptureFormatException>(() => new CaptureSanitizer().SanitizeLines(lines).ToArray());
        Assert.That(error!.Line, Is.EqualTo(3));
    }
}
