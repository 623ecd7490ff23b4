using System.Text;
using Delight.Sim.Cli.Commands.Wire;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Wire;

/// <summary>`wire decode`: every exit code, in process.</summary>
public sealed class WireDecodeCommandTests
{
    private const string UpdateMachine =
        """{"id":"c1","seq":4,"createdAt":1767034856140,"body":{"t":"update-machine","machineId":"m-1","daemonState":{"value":"cipher","version":2}}}""";

    [NUnit.Framework.Test]
    public void LegacyUpdateMachineDecodesAndPrintsAsUpdateTerminal()
    {
        var (code, output, error) = Run(UpdateMachine);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitOk), error);
            Assert.That(output, Does.Contain("kind: update"));
            Assert.That(output, Does.Contain("variant: update-terminal"));
            Assert.That(output, Does.Contain("UpdateTerminalBody [t=update-terminal]"));
            Assert.That(output, Does.Contain("TerminalId: \"m-1\""));
            Assert.That(output, Does.Not.Contain("update-machine"));
            Assert.That(output, Does.Contain("canonical: {").And.Contain("{\"t\":\"update-terminal\",\"terminalId\":\"m-1\",\"daemonState\":{\"value\":\"cipher\",\"version\":2}}"));
            Assert.That(error, Is.Empty);
        });
    }

    [TestCase("""{"message":{"content":{"c":"cipher","t":"encrypted"}}}""", "kind: message", "variant: message")]
    [TestCase("""{"type":"activity","id":"s","active":true,"working":false,"activeAt":5}""", "kind: ephemeral", "variant: activity")]
    [TestCase("""{"role":"user","content":{"type":"text","text":"hello"},"meta":{"model":"gpt-5"}}""", "kind: record", "variant: user")]
    [TestCase("""{"role":"event","type":"ui.event","eventId":"e","kind":"tool","phase":"end"}""", "kind: record", "variant: event/ui.event")]
    [TestCase("""{"allow":true,"message":"ok","requestId":"<id>"}""", "kind: rpc-params", "variant: permission")]
    [TestCase("""{"t":"encrypted","c":"x"}""", "kind: content", "variant: encrypted")]
    [TestCase("""{"type":"weather","temp":3}""", "kind: ephemeral", "variant: weather (unknown, kept verbatim)")]
    public void DetectsTheKindFromTheShape(string json, string kind, string variant)
    {
        var (code, output, error) = Run(json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitOk), error);
            Assert.That(output, Does.Contain(kind));
            Assert.That(output, Does.Contain(variant));
            Assert.That(output, Does.Contain("canonical: "));
        });
    }

    [NUnit.Framework.Test]
    public void KindAndMethodOptionsForceTheDecoding()
    {
        var (code, output, _) = Run("{}", new WireDecodeRequest(Kind: WireDecodeKinds.RpcParams, Method: "t1:ping"));
        var (eventCode, eventOutput, _) = Run("""{"machineId":"m","time":3}""", new WireDecodeRequest(EventName: "machine-alive"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitOk));
            Assert.That(output, Does.Contain("variant: ping"));
            Assert.That(output, Does.Contain("canonical: {}"));
            Assert.That(eventCode, Is.EqualTo(WireDecodeCommand.ExitOk));
            Assert.That(eventOutput, Does.Contain("variant: terminal-alive"));
            Assert.That(eventOutput, Does.Contain("canonical: {\"terminalId\":\"m\",\"time\":3}"));
        });
    }

    [NUnit.Framework.Test]
    public void AbsentFieldsAreLeftOutAndNullIsShown()
    {
        var (_, output, _) = Run("""{"body":{"t":"new-message","message":{"localId":null,"content":{"t":"encrypted","c":"x"}}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("LocalId: null"));
            Assert.That(output, Does.Not.Contain("Seq:"));
            Assert.That(output, Does.Contain("canonical: {\"body\":{\"t\":\"new-message\",\"message\":{\"localId\":null,\"content\":{\"t\":\"encrypted\",\"c\":\"x\"}}}}"));
        });
    }

    [TestCase("", "empty")]
    [TestCase("  \n", "empty")]
    [TestCase("""{"body":{"t":"new-message","message":""", "line 1")]
    [TestCase("""{"body":{"sid":"s"}}""", "field 't' at $.body.t")]
    [TestCase("""{"body":{"t":"new-message"},"seq":"six"}""", "field 'seq' at $.seq")]
    [TestCase("""{"body":{"t":"new-message","message":{"content":{"t":"encrypted"}}}}""", "field 'c' at $.body.message.content.c")]
    [TestCase("[1,2]", "object")]
    public void InvalidPayloadExitsOneNamingTheProblem(string json, string expected)
    {
        var (code, output, error) = Run(json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitInvalid));
            Assert.That(error, Does.Contain(expected));
            Assert.That(error, Does.Not.Contain("   at "));
            Assert.That(output, Is.Empty);
        });
    }

    [NUnit.Framework.Test]
    public void NestingDeeperThan64ExitsOne()
    {
        var json = "{\"type\":\"x\",\"a\":" + new string('[', 80) + new string(']', 80) + "}";
        var (code, _, error) = Run(json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitInvalid));
            Assert.That(error, Does.Contain("deeper than 64"));
        });
    }

    [NUnit.Framework.Test]
    public void InvalidUtf8ExitsOneNamingTheOffset()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
        using var input = new MemoryStream(bytes);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = WireDecodeCommand.Run(input, new WireDecodeRequest(), output, error);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitInvalid));
            Assert.That(error.ToString(), Does.Contain("UTF-8").And.Contain("offset 2"));
        });
    }

    [NUnit.Framework.Test]
    public void RpcParamsWithoutAKnownShapeNeedAMethod()
    {
        var (code, output, _) = Run("{}");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitOk));
            Assert.That(output, Does.Contain("pass --method"));
        });
    }

    [NUnit.Framework.Test]
    public void MissingFileExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), "delight-wire-missing-" + Environment.ProcessId + ".json");
        var code = WireDecodeCommand.RunPath(path, new WireDecodeRequest(), () => Stream.Null, output, error);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitUnreadable));
            Assert.That(error.ToString(), Does.Contain("cannot open"));
        });
    }

    [NUnit.Framework.Test]
    public void DirectoryInsteadOfFileExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = WireDecodeCommand.RunPath(Path.GetTempPath(), new WireDecodeRequest(), () => Stream.Null, output, error);
        Assert.That(code, Is.EqualTo(WireDecodeCommand.ExitUnreadable));
    }

    [NUnit.Framework.Test]
    public void FileAndStdinAreRead()
    {
        var path = Path.Combine(Path.GetTempPath(), "delight-wire-" + Path.GetRandomFileName() + ".json");
        File.WriteAllText(path, UpdateMachine);
        try
        {
            using var fileOutput = new StringWriter();
            using var stdinOutput = new StringWriter();
            using var error = new StringWriter();
            var fileCode = WireDecodeCommand.RunPath(path, new WireDecodeRequest(), () => Stream.Null, fileOutput, error);
            var stdinCode = WireDecodeCommand.RunPath("-", new WireDecodeRequest(), () => new MemoryStream(Encoding.UTF8.GetBytes(UpdateMachine)), stdinOutput, error);
            Assert.Multiple(() =>
            {
                Assert.That(fileCode, Is.EqualTo(WireDecodeCommand.ExitOk));
                Assert.That(stdinCode, Is.EqualTo(WireDecodeCommand.ExitOk));
                Assert.That(stdinOutput.ToString(), Is.EqualTo(fileOutput.ToString()));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [NUnit.Framework.Test]
    public void TheCommandIsWiredIntoTheRoot()
    {
        using var output = new StringWriter();
        var root = Program.BuildRoot();
        var wire = root.Subcommands.Single(c => c.Name == "wire");
        Assert.That(wire.Subcommands.Select(c => c.Name), Is.EquivalentTo(new[] { "decode" }));
    }

    private static (int Code, string Output, string Error) Run(string json, WireDecodeRequest? request = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = WireDecodeCommand.Run(input, request ?? new WireDecodeRequest(), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
