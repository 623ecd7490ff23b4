using System.Text.Json;
using Delight.Runtime.Sdk;
using Delight.Runtime.Tests.Relay;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Sdk;

public sealed class DelightClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task ManyThreadsHammeringTheClientGetEveryCallAnsweredAndPerSessionOrderKept()
    {
        await using var world = await SdkWorld.CreateAsync(sessions: 4);
        foreach (var cli in world.Cli.Values)
        {
            cli.RpcAnswer = _ => Task.FromResult("{\"success\":true}");
            await cli.EmitAsync("rpc-register", JsonSerializer.Serialize(new { method = world.Sessions[0] + ":ping" }));
        }

        const int threads = 8;
        const int calls = 200;
        var answered = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var pending = new List<Task>();
            var sid = world.Sessions[t % world.Sessions.Count];
            for (var i = 0; i < calls; i++)
            {
                // Calls are issued without awaiting the previous one: the dispatcher's FIFO keeps their order.
                pending.Add((i % 20) switch
                {
                    0 => world.Client.ListSessionsAsync().ContinueWith(r => Assert.That(r.Result.Ok, Is.True), TaskScheduler.Default),
                    10 => world.Client.CallRpcAsync(world.Sessions[0] + ":ping", "{}").ContinueWith(r => Assert.That(r.Result.Ok, Is.True, r.Result.Error), TaskScheduler.Default),
                    _ => world.Client.SendMessageAsync(sid, $"t{t}-{i}", bypassGate: true).ContinueWith(r => Assert.That(r.Result.Sent, Is.True, r.Result.Refusal), TaskScheduler.Default),
                });
                _ = world.Client.GetSessionUi(sid); // lock-free snapshot reads from any thread
            }

            Task.WaitAll([.. pending], Patience);
            Interlocked.Add(ref answered, pending.Count(p => p.IsCompletedSuccessfully));
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(workers).WaitAsync(Patience);
        Assert.That(answered, Is.EqualTo(threads * calls), "every call answered");

        await world.Relay.SettleAsync();
        foreach (var sid in world.Sessions)
        {
            var texts = world.StoredPlaintexts(sid).Select(p => JsonDocument.Parse(p).RootElement.GetProperty("content").GetProperty("text").GetString()!).ToList();
            for (var t = 0; t < threads; t++)
            {
                var mine = texts.Where(x => x.StartsWith($"t{t}-", StringComparison.Ordinal)).Select(x => int.Parse(x[(x.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                if (world.Sessions[t % world.Sessions.Count] == sid)
                {
                    Assert.That(mine, Is.EqualTo(Enumerable.Range(0, calls).Where(i => i % 20 is not (0 or 10))), $"thread {t} order in {sid}");
                }
                else
                {
                    Assert.That(mine, Is.Empty);
                }
            }
        }
    }

    [Test]
    public async Task ListenerCallbacksRunInOrderOneAtATimeAndMayCallBackInBlocking()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        var replies = new List<SendResult>();
        world.Listener.OnUpdateHook = update =>
        {
            if (update is SdkMessageApplied { Message.PlaintextJson: var text } && text.Contains("agent", StringComparison.Ordinal))
            {
                // Re-entrant and even blocking: the dispatcher never waits for this worker, so no deadlock.
                var reply = world.Client.SendMessageAsync(sid, "reply to " + text, bypassGate: true).GetAwaiter().GetResult();
                lock (replies)
                {
                    replies.Add(reply);
                }

                _ = world.Client.GetSessionUi(sid);
            }
        };

        for (var i = 0; i < 5; i++)
        {
            await world.CliSaysAsync(sid, "a" + i);
        }

        await RelayHarness.EventuallyAsync(() =>
        {
            lock (replies)
            {
                return replies.Count == 5;
            }
        }, "five re-entrant replies");
        Assert.That(replies.Select(r => r.Sent), Is.All.True);
        Assert.That(world.Listener.MaxConcurrentCalls, Is.EqualTo(1), "callbacks never overlap");
        var agentApplied = world.Listener.Applied(sid).Where(a => a.Message.PlaintextJson.Contains("\"agent\"", StringComparison.Ordinal)).Select(a => a.Message.Seq).ToList();
        Assert.That(agentApplied, Is.Ordered.Ascending.And.Unique);
        await world.Relay.SettleAsync();
        Assert.That(world.StoredPlaintexts(sid).Count(p => p.Contains("reply to", StringComparison.Ordinal)), Is.EqualTo(5));
    }

    [Test]
    public async Task ASlowRpcDoesNotBlockUpdateDelivery()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Cli[sid].RpcAnswer = _ => release.Task;
        await world.Cli[sid].EmitAsync("rpc-register", JsonSerializer.Serialize(new { method = sid + ":permission" }));
        await RelayHarness.EventuallyAsync(() => world.Relay.Server.GetAccount(RelayHarness.Account).State.RpcMethods.ContainsKey(sid + ":permission"), "registered");

        var rpc = world.Client.AnswerPermissionAsync(sid, "r1", allow: true);
        await RelayHarness.EventuallyAsync(() => world.Relay.Server.GetAccount(RelayHarness.Account).State.PendingRpc.Count == 1, "rpc forwarded and waiting");

        for (var i = 0; i < 3; i++)
        {
            await world.CliSaysAsync(sid, "while-waiting-" + i);
        }

        await RelayHarness.EventuallyAsync(() => world.Client.GetAppliedMessages(sid).Count == 3, "updates applied while the RPC waits");
        Assert.That(rpc.IsCompleted, Is.False, "the RPC is still waiting for its ack");
        Assert.That((await world.Client.ListSessionsAsync()).Ok, Is.True, "other calls are answered too");

        release.SetResult("{\"success\":true}");
        var outcome = await rpc.WaitAsync(Patience);
        Assert.That((outcome.Ok, outcome.ResultJson), Is.EqualTo((true, "{\"success\":true}")));
    }

    [Test]
    public async Task RpcAckTimeoutIsReportedAndSwitchSpinnerCleared()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        world.Cli[sid].RpcAnswer = _ => new TaskCompletionSource<string>().Task; // never answers
        await world.Cli[sid].EmitAsync("rpc-register", JsonSerializer.Serialize(new { method = sid + ":switch" }));
        await RelayHarness.EventuallyAsync(() => world.Relay.Server.GetAccount(RelayHarness.Account).State.RpcMethods.Count == 1, "registered");

        var rpc = world.Client.SwitchModeAsync(sid, "local");
        await RelayHarness.EventuallyAsync(() => world.Client.GetSessionUi(sid) is { Switching: true, Transition: "to-local", Mode: "remote" }, "switching spinner");
        await RelayHarness.EventuallyAsync(() => world.Relay.PendingTimers() >= 2, "ack timers armed");
        world.Relay.Time.Advance(TimeSpan.FromSeconds(10));
        var outcome = await rpc.WaitAsync(Patience);
        Assert.That((outcome.Ok, outcome.Error), Is.EqualTo((false, "rpc timed out")));
        Assert.That(world.Client.GetSessionUi(sid)!.Switching, Is.False);
    }

    [Test]
    public async Task SwitchSuccessSetsTheModeFromTheResult()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        world.Cli[sid].RpcAnswer = _ => Task.FromResult("{\"mode\":\"local\"}");
        await world.Cli[sid].EmitAsync("rpc-register", JsonSerializer.Serialize(new { method = sid + ":switch" }));
        await RelayHarness.EventuallyAsync(() => world.Relay.Server.GetAccount(RelayHarness.Account).State.RpcMethods.Count == 1, "registered");
        var outcome = await world.Client.SwitchModeAsync(sid, "local");
        Assert.That(outcome.Ok, Is.True);
        Assert.That(world.Client.GetSessionUi(sid), Is.EqualTo(new SessionUi(true, true, false, "local", false, string.Empty)));
        Assert.That((await world.Client.SendMessageAsync(sid, "hi")).Refusal, Is.EqualTo("cannot send: session local"));
    }

    [Test]
    public async Task TwoQuickSendsCannotBothPassTheGate()
    {
        // 3.10-H: the first send marks the session busy until the relay reports the turn.
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        var first = world.Client.SendMessageAsync(sid, "m1");
        var second = world.Client.SendMessageAsync(sid, "m2");
        Assert.That((await first).Sent, Is.True);
        Assert.That((await second).Refusal, Is.EqualTo("cannot send: session working"));

        await world.CliAliveAsync(sid, working: true);
        await RelayHarness.EventuallyAsync(() => world.Client.GetSessionUi(sid)?.Working == true, "turn started");
        Assert.That((await world.Client.SendMessageAsync(sid, "m3")).Refusal, Is.EqualTo("cannot send: session working"));
        world.Relay.Time.Advance(TimeSpan.FromMilliseconds(10));
        await world.CliAliveAsync(sid, working: false);
        await RelayHarness.EventuallyAsync(() => world.Client.GetSessionUi(sid)?.Working == false, "turn ended");
        Assert.That((await world.Client.SendMessageAsync(sid, "m4")).Sent, Is.True);
    }

    [Test]
    public async Task OwnMessagesAreNotEchoedButTheAppliedViewFillsTheGapInSeqOrder()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        Assert.That((await world.Client.SendMessageAsync(sid, "question", bypassGate: true)).Sent, Is.True);
        await world.Relay.SettleAsync();
        await world.CliSaysAsync(sid, "answer");
        await RelayHarness.EventuallyAsync(() => world.Client.GetAppliedMessages(sid).Count == 2, "gap filled from history");
        var applied = world.Client.GetAppliedMessages(sid);
        Assert.That(applied.Select(m => m.Seq), Is.EqualTo(new[] { 1L, 2L }));
        Assert.That(applied[0].PlaintextJson, Does.Contain("question"));
        await RelayHarness.EventuallyAsync(() => world.Listener.Applied(sid).Count == 2, "listener saw both (callbacks run on their own worker)");
        Assert.That(world.Listener.Applied(sid).Select(a => a.Message.Seq), Is.EqualTo(new[] { 1L, 2L }), "each applied once, in order");

        // A history fetch that overlaps what is already applied changes nothing.
        var again = await world.Client.GetMessagesAsync(sid);
        Assert.That(again.Select(m => m.Seq), Is.EqualTo(new[] { 1L, 2L }));
        await world.Client.ListSessionsAsync(); // a dispatcher round trip; callbacks queued before it are delivered next
        Assert.That(world.Listener.Applied(sid), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task DisconnectNotifiesAndRefusesSends()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        await world.Client.DisconnectAsync();
        await RelayHarness.EventuallyAsync(() => world.Listener.Log.Contains("disconnected:closed"), "OnDisconnected");
        Assert.That((await world.Client.SendMessageAsync(sid, "x")).Refusal, Is.EqualTo("cannot send: not connected"));
        Assert.That(world.Client.GetSessionUi(sid)!.Connected, Is.False);
        var log = world.Listener.Log.ToList();
        Assert.That(log.IndexOf("connected"), Is.LessThan(log.IndexOf("disconnected:closed")));
    }
}
