using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class TurnStateTests
{
    private static async Task<bool> WorkingAsync(RelayHarness relay, string sid) =>
        ((SessionsBody)(await relay.HttpAsync(new ListSessionsRequest())).Body).Sessions.Single(s => s.Id == sid).Working;

    [Test]
    public async Task SessionAliveOpensAndClosesTheTurn()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs, working = true });
        Assert.That(await WorkingAsync(relay, sid), Is.True);
        relay.Time.Advance(TimeSpan.FromSeconds(1));
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs, working = false });
        Assert.That(await WorkingAsync(relay, sid), Is.False);
    }

    [Test]
    public async Task StaleKeepAliveDoesNotReopenAClosedTurn()
    {
        // S8: the keep-alive read working=true at t0; the turn ended at t1 > t0; the keep-alive arrives last.
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var phone = await relay.UserAsync();
        var t0 = relay.NowMs;
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t0, working = true });
        relay.Time.Advance(TimeSpan.FromMilliseconds(500));
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t0 + 400, working = false });
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t0 + 100, working = true }); // stale keep-alive
        Assert.That(await WorkingAsync(relay, sid), Is.False);

        await RelayHarness.EventuallyAsync(() => phone.Payloads("ephemeral").Count == 3, "three activity ephemerals");
        Assert.That(phone.Payloads("ephemeral").Select(e => e.GetProperty("working").GetBoolean()), Is.EqualTo(new[] { true, false, false }),
            "the phone never sees the stale working=true");
    }

    [Test]
    public async Task TurnIdOrdersBoundariesWithinOneMillisecond()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var t = relay.NowMs;
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t, working = true, turn = 1 });
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t, working = false, turn = 1 });
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t, working = true, turn = 1 }); // stale keep-alive, same ms
        Assert.That(await WorkingAsync(relay, sid), Is.False);
        await relay.EmitAsync(cli, "session-alive", new { sid, time = t, working = true, turn = 2 }); // next turn, same ms
        Assert.That(await WorkingAsync(relay, sid), Is.True);
    }

    [Test]
    public async Task AliveOutsideTheTenMinuteWindowIsIgnoredAndFutureTimeIsClamped()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs - (11 * 60 * 1000), working = true });
        Assert.That(await WorkingAsync(relay, sid), Is.False);
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs + 60_000, working = true });
        await relay.SettleAsync();
        var session = relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid];
        Assert.That((session.Turn.Open, session.ActiveAtMs), Is.EqualTo((true, relay.NowMs)));
    }

    [Test]
    public async Task LateDisconnectOfTheOldSocketDoesNotMarkTheReconnectedSessionOffline()
    {
        // F6: the CLI reconnects on a new socket; the old socket's disconnect is processed afterwards.
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var phone = await relay.UserAsync();
        var oldSocket = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(oldSocket, "session-alive", new { sid, time = relay.NowMs, working = true });
        var newSocket = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(newSocket, "session-alive", new { sid, time = relay.NowMs, working = true });
        await relay.Server.OnDisconnectedAsync(oldSocket, "ping timeout");
        await relay.SettleAsync();

        var session = relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid];
        Assert.That((session.Active, session.Turn.Open), Is.EqualTo((true, true)));
        await RelayHarness.EventuallyAsync(() => phone.Payloads("ephemeral").Count == 2, "two activity ephemerals");
        Assert.That(phone.Payloads("ephemeral").Select(e => e.GetProperty("active").GetBoolean()), Is.All.True);

        // When the last session socket goes, the session is offline and its turn force-closed.
        await relay.Server.OnDisconnectedAsync(newSocket, "transport close");
        await relay.SettleAsync();
        session = relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid];
        Assert.That((session.Active, session.Turn.Open), Is.EqualTo((false, false)));
        await RelayHarness.EventuallyAsync(() => phone.Payloads("ephemeral").Count == 3, "offline activity");
        Assert.That(phone.Payloads("ephemeral")[2].GetRawText(), Does.StartWith("{\"type\":\"activity\",\"id\":\"" + sid + "\",\"active\":false,\"working\":false"));
    }

    [Test]
    public async Task ForcedCloseOnDisconnectIsUndoneByTheReconnectedCliKeepAlive()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var first = await relay.SessionSocketAsync(sid);
        var t = relay.NowMs;
        await relay.EmitAsync(first, "session-alive", new { sid, time = t, working = true, turn = 4 });
        await relay.Server.OnDisconnectedAsync(first, "transport close");
        var second = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(second, "session-alive", new { sid, time = t, working = true, turn = 4 });
        Assert.That(await WorkingAsync(relay, sid), Is.True, "the CLI is still in turn 4");
    }

    [TestCase(true, 10, 0, false, 5, 0, true, TestName = "older time is stale")]
    [TestCase(false, 10, 0, true, 10, 0, true, TestName = "same time applies (no turn id)")]
    [TestCase(true, 10, 3, false, 10, 3, false, TestName = "same turn idle after working applies")]
    [TestCase(false, 10, 3, true, 99, 3, false, TestName = "same turn working after idle is stale even if later")]
    [TestCase(false, 10, 3, true, 1, 4, true, TestName = "next turn applies even with an earlier clock")]
    public void ApplyBoundaryIsPure(bool open, long at, long turn, bool working, long time, long turnId, bool expectOpen)
    {
        var state = new TurnState(open, 0, 0, at, turn, open);
        var next = AccountReducer.ApplyBoundary(state, working, turnId, time);
        Assert.That(next.Open, Is.EqualTo(expectOpen));
        Assert.That(state, Is.EqualTo(new TurnState(open, 0, 0, at, turn, open)));
    }
}
