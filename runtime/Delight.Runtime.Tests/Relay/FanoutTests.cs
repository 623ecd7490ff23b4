using Delight.Runtime.Relay.Connections;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class FanoutTests
{
    [Test]
    public async Task SessionUpdatesReachUserScopedAndOwnSessionSocketsOnly()
    {
        await using var relay = new RelayHarness();
        var s1 = await relay.CreateSessionAsync("t1", "t1:claude");
        var s2 = await relay.CreateSessionAsync("t2", "t2:claude");
        var phoneA = await relay.UserAsync();
        var phoneB = await relay.UserAsync();
        var cli1 = await relay.SessionSocketAsync(s1);
        var cli1b = await relay.SessionSocketAsync(s1);
        var cli2 = await relay.SessionSocketAsync(s2);
        var terminal = await relay.TerminalSocketAsync("t1");

        await relay.EmitAsync(phoneA, "message", new { sid = s1, message = "hi" });
        await relay.SettleAsync();
        await RelayHarness.EventuallyAsync(() => phoneB.Payloads("update").Count == 1 && cli1.Payloads("update").Count == 1 && cli1b.Payloads("update").Count == 1, "session recipients");
        Assert.That(phoneA.Payloads("update"), Is.Empty, "sender skipped");
        Assert.That(cli2.Payloads("update"), Is.Empty, "other session's socket");
        Assert.That(terminal.Payloads("update"), Is.Empty, "terminal-scoped sockets get no session updates");
    }

    [Test]
    public async Task ClientEphemeralsGoToUserScopedOnlyAndActivityToAll()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var phone = await relay.UserAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var terminal = await relay.TerminalSocketAsync("term-1");

        var raw = "{\"type\":\"permission-request\",\"id\":\"" + sid + "\",\"requestId\":\"r1\",\"toolName\":\"Bash\",\"input\":\"{}\",\"extra\":[1,2]}";
        await relay.EmitAsync(cli, "ephemeral", raw);
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs, working = true });
        await relay.SettleAsync();

        await RelayHarness.EventuallyAsync(() => phone.Payloads("ephemeral").Count(e => e.GetProperty("type").GetString() == "activity") == 1, "activity at phone");
        Assert.That(phone.Frames.Where(f => f.Event == "ephemeral").Select(f => f.Json), Does.Contain(raw), "forwarded verbatim, unknown fields kept");
        await RelayHarness.EventuallyAsync(() => cli.Payloads("ephemeral").Count == 1 && terminal.Payloads("ephemeral").Count == 1, "activity to every socket");
        Assert.That(cli.Payloads("ephemeral")[0].GetProperty("type").GetString(), Is.EqualTo("activity"), "the CLI does not get its own ephemeral back");
        Assert.That(terminal.Payloads("ephemeral")[0].GetProperty("type").GetString(), Is.EqualTo("activity"));
    }

    [Test]
    public async Task TerminalActivityGoesToUserScopedSockets()
    {
        await using var relay = new RelayHarness();
        await relay.CreateSessionAsync();
        var phone = await relay.UserAsync();
        var cli = await relay.SessionSocketAsync("whatever");
        await relay.TerminalSocketAsync("term-1");
        await relay.SettleAsync();
        await RelayHarness.EventuallyAsync(() => phone.Payloads("ephemeral").Count == 1, "terminal-activity");
        Assert.That(phone.Payloads("ephemeral")[0].GetRawText(), Is.EqualTo("{\"type\":\"terminal-activity\",\"id\":\"term-1\",\"active\":true,\"activeAt\":" + relay.NowMs + "}"));
        Assert.That(cli.Payloads("ephemeral"), Is.Empty);
    }

    [TestCase(null, "t", null, null, "missing authentication token")]
    [TestCase("tok", "session-scoped", null, null, "session ID required for session-scoped clients")]
    [TestCase("tok", "terminal-scoped", null, null, "terminal ID required for terminal-scoped clients")]
    [TestCase("tok", "robot", null, null, "invalid client type: robot")]
    [TestCase("tok", "user-scoped", null, null, "Invalid authentication token")]
    public async Task HandshakeRefusalsSendErrorThenDisconnect(string? token, string? type, string? sid, string? tid, string message)
    {
        await using var relay = new RelayHarness();
        var connection = new FakeRelayConnection("x", new HandshakeAuth(token, type, sid, tid));
        var outcome = await relay.Server.OnConnectedAsync(connection);
        Assert.That(outcome.Accepted, Is.False);
        Assert.That(connection.Frames.Single(), Is.EqualTo(("error", "{\"message\":\"" + message + "\"}")));
        Assert.That(connection.Closed, Is.True);
        Assert.That((await relay.Server.OnEventAsync(connection, "message", "{}", null)).Accepted, Is.False);
    }
}
