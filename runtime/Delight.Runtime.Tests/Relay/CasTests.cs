using Delight.Runtime.Relay.Http;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class CasTests
{
    [Test]
    public async Task UpdateMetadataSucceedsOnExpectedVersionAndMismatchesOtherwise()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var phone = await relay.UserAsync();

        var ok = await relay.EmitWithAckAsync(cli, "update-metadata", new { sid, metadata = "m1", expectedVersion = 0 });
        Assert.That(ok.GetRawText(), Is.EqualTo("{\"result\":\"success\",\"version\":1,\"metadata\":\"m1\"}"));
        var stale = await relay.EmitWithAckAsync(cli, "update-metadata", new { sid, metadata = "m2", expectedVersion = 0 });
        Assert.That(stale.GetRawText(), Is.EqualTo("{\"result\":\"version-mismatch\",\"version\":1,\"metadata\":\"m1\"}"));
        var missing = await relay.EmitWithAckAsync(cli, "update-metadata", new { sid = "nope", metadata = "m", expectedVersion = 0 });
        Assert.That(missing.GetRawText(), Is.EqualTo("{\"result\":\"error\"}"));

        await RelayHarness.EventuallyAsync(() => phone.Payloads("update").Count >= 1, "update-session at the phone");
        await relay.SettleAsync();
        var updates = phone.Payloads("update");
        Assert.That(updates, Has.Count.EqualTo(1), "a mismatch broadcasts nothing");
        Assert.That(updates[0].GetProperty("body").GetRawText(), Is.EqualTo("{\"t\":\"update-session\",\"id\":\"" + sid + "\",\"metadata\":{\"value\":\"m1\",\"version\":1}}"));
        Assert.That(cli.Payloads("update"), Is.Empty, "the sender is skipped");
    }

    [Test]
    public async Task UpdateStateMismatchOmitsVersionZeroAndEmptyValue()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);

        var mismatch = await relay.EmitWithAckAsync(cli, "update-state", new { sid, agentState = "{}", expectedVersion = 3 });
        Assert.That(mismatch.GetRawText(), Is.EqualTo("{\"result\":\"version-mismatch\"}"), "version 0 and a null value are omitted");
        var first = await relay.EmitWithAckAsync(cli, "update-state", new { sid, agentState = "{\"a\":1}", expectedVersion = 0 });
        Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(1));
        var cleared = await relay.EmitWithAckAsync(cli, "update-state", "{\"sid\":\"" + sid + "\",\"expectedVersion\":1}");
        Assert.That(cleared.GetRawText(), Is.EqualTo("{\"result\":\"success\",\"version\":2}"), "a missing agentState clears the value");
        var state = relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid];
        Assert.That((state.AgentState, state.AgentStateVersion), Is.EqualTo(((string?)null, 2L)));
    }

    [Test]
    public async Task ConcurrentWritersOnTheSameVersionExactlyOneWins()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var writers = new List<FakeRelayConnection>();
        for (var i = 0; i < 8; i++)
        {
            writers.Add(await relay.SessionSocketAsync(sid));
        }

        var acks = await Task.WhenAll(writers.Select((w, i) => Task.Run(() => relay.EmitWithAckAsync(w, "update-state", new { sid, agentState = "s" + i, expectedVersion = 0 }))));
        Assert.That(acks.Count(a => a.GetProperty("result").GetString() == "success"), Is.EqualTo(1));
        Assert.That(acks.Where(a => a.GetProperty("result").GetString() == "version-mismatch").Select(a => a.GetProperty("version").GetInt64()), Is.All.EqualTo(1));
    }

    [Test]
    public async Task TerminalMetadataAndDaemonStateCas()
    {
        await using var relay = new RelayHarness();
        await relay.HttpAsync(new CreateTerminalRequest("term-9", "meta0"));
        var cli = await relay.TerminalSocketAsync("term-9");
        var phone = await relay.UserAsync();

        var ok = await relay.EmitWithAckAsync(cli, "terminal-update-metadata", new { terminalId = "term-9", metadata = "meta1", expectedVersion = 1 });
        Assert.That(ok.GetRawText(), Is.EqualTo("{\"result\":\"success\",\"version\":2,\"metadata\":\"meta1\"}"));
        var stale = await relay.EmitWithAckAsync(cli, "terminal-update-metadata", new { terminalId = "term-9", metadata = "x", expectedVersion = 1 });
        Assert.That(stale.GetRawText(), Is.EqualTo("{\"result\":\"version-mismatch\",\"version\":2,\"metadata\":\"meta1\"}"));

        var daemonMismatch = await relay.EmitWithAckAsync(cli, "terminal-update-state", new { terminalId = "term-9", daemonState = "d", expectedVersion = 1 });
        Assert.That(daemonMismatch.GetRawText(), Is.EqualTo("{\"result\":\"version-mismatch\"}"), "daemonStateVersion starts at 0 without daemonState");
        var daemon = await relay.EmitWithAckAsync(cli, "terminal-update-state", new { terminalId = "term-9", daemonState = "d", expectedVersion = 0 });
        Assert.That(daemon.GetRawText(), Is.EqualTo("{\"result\":\"success\",\"version\":1,\"daemonState\":\"d\"}"));

        var invalid = await relay.EmitWithAckAsync(cli, "terminal-update-state", new { terminalId = "term-9" });
        Assert.That(invalid.GetRawText(), Is.EqualTo("{\"result\":\"error\",\"message\":\"Invalid parameters\"}"));
        var unknown = await relay.EmitWithAckAsync(cli, "terminal-update-state", new { terminalId = "nope", daemonState = "d", expectedVersion = 0 });
        Assert.That(unknown.GetRawText(), Is.EqualTo("{\"result\":\"error\",\"message\":\"Terminal not found\"}"));

        await RelayHarness.EventuallyAsync(() => phone.Payloads("update").Count(u => u.GetProperty("body").GetProperty("t").GetString() == "update-terminal") == 2, "two update-terminal");
        Assert.That(cli.Payloads("update").Where(u => u.GetProperty("body").GetProperty("t").GetString() == "update-terminal"), Is.Empty, "sender skipped");
    }
}
