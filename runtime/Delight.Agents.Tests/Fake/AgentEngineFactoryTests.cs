using Delight.Agents.Acp;
using Delight.Agents.Claude;
using Delight.Agents.Codex;
using Delight.Agents.Common;
using Delight.Agents.Fake;
using Delight.Agents.Tests.Support;
using NUnit.Framework;

namespace Delight.Agents.Tests.Fake;

[TestFixture]
public sealed class AgentEngineFactoryTests
{
    [Test]
    public async Task CreatesEachConfiguredEngineAndRefusesTheRestClearly()
    {
        using var http = new HttpClient();
        var host = new RecordingAgentHost();
        var factory = new AgentEngineFactory(new AgentEngineFactoryOptions
        {
            Claude = new ClaudeRemoteOptions("node", ["bridge.cjs"]),
            Acp = new AcpEngineOptions("http://127.0.0.1:1", "a", "s", Path.GetTempPath()),
            Http = http,
        });

        await using var claude = factory.Create("claude", host);
        await using var codex = factory.Create("codex", host);
        await using var acp = factory.Create("acp", host);
        await using var fake = factory.Create("fake", host);
        Assert.That(claude, Is.InstanceOf<ClaudeRemoteEngine>());
        Assert.That(codex, Is.InstanceOf<CodexAppServerEngine>());
        Assert.That(acp, Is.InstanceOf<AcpEngine>());
        Assert.That(fake, Is.InstanceOf<FakeEngine>());
        Assert.That(() => factory.Create("gemini", host), Throws.InstanceOf<AgentEngineException>().With.Message.EqualTo("unknown agent type: gemini"));
        Assert.That(() => new AgentEngineFactory(new AgentEngineFactoryOptions()).Create("acp", host), Throws.InstanceOf<AgentEngineException>());
    }

    [Test]
    public void BridgeLocatorFindsTheScriptNextToTheExecutable()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "bin", "scripts"));
        var script = Path.Combine(dir.Path, "bin", "scripts", ClaudeBridgeLocator.ScriptName);
        File.WriteAllText(script, "// bridge");

        Assert.That(ClaudeBridgeLocator.FindScript(Path.Combine(dir.Path, "bin"), "/nowhere"), Is.EqualTo(script));
        Assert.That(ClaudeBridgeLocator.FindScript(Path.Combine(dir.Path, "other"), "/nowhere"), Is.Null);
        var nodePath = ClaudeBridgeLocator.NodePath("/a:/a", dir.Path, dir.Path, dir.Path);
        Assert.That(nodePath.Split(Path.PathSeparator).Count(p => p == "/a"), Is.EqualTo(1));
        Assert.That(nodePath, Does.StartWith("/a"));
    }
}
