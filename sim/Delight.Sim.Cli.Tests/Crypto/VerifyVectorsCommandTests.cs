using System.Text;
using System.Text.Json.Nodes;
using Delight.Sim.Cli.Commands.Crypto;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Crypto;

[TestFixture]
public sealed class VerifyVectorsCommandTests
{
    private readonly List<string> temporaryPaths = [];

    [TearDown]
    public void DeleteTemporaryFiles()
    {
        foreach (var path in temporaryPaths)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        temporaryPaths.Clear();
    }

    [NUnit.Framework.Test]
    public void The_bundled_vectors_all_pass_with_exit_0()
    {
        var (exit, output, error) = Capture((o, e) => VerifyVectorsCommand.RunBundled(o, e));

        var lines = Lines(output);
        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitOk), output + error);
        Assert.That(error, Is.Empty);
        Assert.That(lines[..^1], Has.All.StartWith("PASS  "));
        Assert.That(lines[..^1], Has.Length.GreaterThanOrEqualTo(25));
        Assert.That(lines[^1], Is.EqualTo($"{lines.Length - 1} passed, 0 failed"));
    }

    [NUnit.Framework.Test]
    public void A_good_file_passes_with_exit_0()
    {
        var path = WriteTemporary(BundledVectors.Read());

        var (exit, output, _) = Capture((o, e) => VerifyVectorsCommand.Run(path, o, e));

        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitOk));
        Assert.That(output, Does.Contain("PASS  wrappedDataEncryptionKey.unwrap (DekUnwrap)"));
        Assert.That(output, Does.Contain("PASS  historicalSecretbox[1] (LegacySecretbox)"));
    }

    [NUnit.Framework.Test]
    public void One_altered_value_fails_with_exit_1_naming_the_vector_and_field()
    {
        var json = JsonNode.Parse(BundledVectors.Read())!;
        var signature = json["ed25519Auth"]!["signature_b64"]!.GetValue<string>();
        json["ed25519Auth"]!["signature_b64"] = "B" + signature[1..];
        var path = WriteTemporary(Encoding.UTF8.GetBytes(json.ToJsonString()));

        var (exit, output, _) = Capture((o, e) => VerifyVectorsCommand.Run(path, o, e));

        var failures = Lines(output).Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitFailed));
        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.StartWith("FAIL  ed25519Auth.signature (Ed25519Signature)").And.Contain("signature_b64"));
        Assert.That(Lines(output)[^1], Does.EndWith(", 1 failed"));
    }

    [NUnit.Framework.Test]
    public void A_missing_file_exits_2_with_a_message_and_no_stack_trace()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-vectors-{Environment.ProcessId}.json");

        var (exit, output, error) = Capture((o, e) => VerifyVectorsCommand.Run(path, o, e));

        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitUnreadable));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("cannot read").And.Contain(path).And.Not.Contain("   at "));
    }

    [NUnit.Framework.Test]
    public void A_directory_exits_2() =>
        Assert.That(Capture((o, e) => VerifyVectorsCommand.Run(Path.GetTempPath(), o, e)).Exit, Is.EqualTo(VerifyVectorsCommand.ExitUnreadable));

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("{\"inputs\": ")]
    [TestCase("[1, 2, 3]")]
    [TestCase("null")]
    [TestCase("{\"inputs\": {}}")]
    public void A_file_that_is_not_a_vector_file_exits_2(string content)
    {
        var path = WriteTemporary(Encoding.UTF8.GetBytes(content));

        var (exit, output, error) = Capture((o, e) => VerifyVectorsCommand.Run(path, o, e));

        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitUnreadable));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("not a crypto-vectors file").And.Not.Contain("   at "));
    }

    [NUnit.Framework.Test]
    public void Invalid_utf8_exits_2()
    {
        var path = WriteTemporary([0x7B, 0xFF, 0xFE, 0x7D]);

        Assert.That(Capture((o, e) => VerifyVectorsCommand.Run(path, o, e)).Exit, Is.EqualTo(VerifyVectorsCommand.ExitUnreadable));
    }

    [NUnit.Framework.Test]
    public void A_missing_field_exits_2_naming_it()
    {
        var json = JsonNode.Parse(BundledVectors.Read())!;
        json["pairing"]!.AsObject().Remove("response_b64");
        var path = WriteTemporary(Encoding.UTF8.GetBytes(json.ToJsonString()));

        var (exit, _, error) = Capture((o, e) => VerifyVectorsCommand.Run(path, o, e));

        Assert.That(exit, Is.EqualTo(VerifyVectorsCommand.ExitUnreadable));
        Assert.That(error, Does.Contain("response_b64"));
    }

    [NUnit.Framework.Test]
    public void The_command_line_routes_to_the_command()
    {
        var good = WriteTemporary(BundledVectors.Read());
        var bad = WriteTemporary("{}"u8.ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(Program.BuildRoot().Parse(["crypto", "verify-vectors", good]).Invoke(), Is.EqualTo(0));
            Assert.That(Program.BuildRoot().Parse(["crypto", "verify-vectors"]).Invoke(), Is.EqualTo(0));
            Assert.That(Program.BuildRoot().Parse(["crypto", "verify-vectors", bad]).Invoke(), Is.EqualTo(2));
        });
    }

    private static (int Exit, string Output, string Error) Capture(Func<TextWriter, TextWriter, int> run)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = run(output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string WriteTemporary(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crypto-vectors-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, content);
        temporaryPaths.Add(path);
        return path;
    }
}
