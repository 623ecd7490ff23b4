using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

public sealed class RpcRoutingTests
{
    [Test]
    public async Task RegisteredMethodIsForwardedAndTheCalleeResultReturned()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        cli.AutoAnswer = _ => "{\"mode\":\"remote\"}";
        var phone = await relay.UserAsync();

        await relay.EmitAsync(cli, "rpc-register", new { method = sid + ":switch" });
        await RelayHarness.EventuallyAsync(() => cli.Payloads("rpc-registered").Count == 1, "rpc-registered");
        var ack = await relay.EmitWithAckAsync(phone, "rpc-call", new { method = sid + ":switch", @params = "{\"mode\":\"remote\"}" });

        Assert.That(ack.GetRawText(), Is.EqualTo("{\"ok\":true,\"result\":{\"mode\":\"remote\"}}"));
        Assert.That(cli.Requests.Single().Json, Is.EqualTo("{\"method\":\"" + sid + ":switch\",\"params\":\"{\\u0022mode\\u0022:\\u0022remote\\u0022}\"}").Or.EqualTo("{\"method\":\"" + sid + ":switch\",\"params\":\"{\\\"mode\\\":\\\"remote\\\"}\"}"));
    }

    [Test]
    public async Task CallerGetsAnErrorWhenTheForwardTimesOutAndALateAckIsIgnored()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var phone = await relay.UserAsync();
        await relay.EmitAsync(cli, "rpc-register", new { method = sid + ":abort" });

        var ackText = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await relay.EmitAsync(phone, "rpc-call", new { method = sid + ":abort", @params = "{}" }, json =>
        {
            ackText.TrySetResult(json);
            return Task.CompletedTask;
        });
        await RelayHarness.EventuallyAsync(() => cli.Requests.Count == 1 && relay.Time.ActiveTimers == 1, "the forward is waiting on its timer");
        relay.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(ackText.Task.IsCompleted, Is.False, "29 s is inside the 30 s ack timeout");
        relay.Time.Advance(TimeSpan.FromSeconds(1));
        var ack = await ackText.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(ack, Does.StartWith("{\"ok\":false,\"error\":"));

        cli.Requests.Single().Ack.SetResult("{\"success\":true}"); // too late
        await relay.SettleAsync();
        Assert.That(relay.Server.GetAccount(RelayHarness.Account).State.PendingRpc, Is.Empty);
    }

    [Test]
    public async Task LastRegistrationWinsAndUnregisterOnlyRemovesItsOwnEntry()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var oldSocket = await relay.SessionSocketAsync(sid);
        var newSocket = await relay.SessionSocketAsync(sid);
        oldSocket.AutoAnswer = _ => "\"old\"";
        newSocket.AutoAnswer = _ => "\"new\"";
        var phone = await relay.UserAsync();
        var method = sid + ":ping";

        await relay.EmitAsync(oldSocket, "rpc-register", new { method });
        await relay.EmitAsync(newSocket, "rpc-register", new { method });
        Assert.That((await relay.EmitWithAckAsync(phone, "rpc-call", new { method, @params = "" })).GetProperty("result").GetString(), Is.EqualTo("new"));

        await relay.EmitAsync(oldSocket, "rpc-unregister", new { method });
        Assert.That((await relay.EmitWithAckAsync(phone, "rpc-call", new { method, @params = "" })).GetProperty("result").GetString(), Is.EqualTo("new"), "the old socket's unregister does not remove the new route");
        await RelayHarness.EventuallyAsync(() => oldSocket.Payloads("rpc-unregistered").Count == 1, "rpc-unregistered reply");

        await relay.EmitAsync(newSocket, "rpc-unregister", new { method });
        Assert.That((await relay.EmitWithAckAsync(phone, "rpc-call", new { method, @params = "" })).GetRawText(), Is.EqualTo("{\"ok\":false,\"error\":\"RPC method not available\"}"));
    }

    [Test]
    public async Task DisconnectDropsTheRegistrantsMethodsAndFailsItsPendingCalls()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        var phone = await relay.UserAsync();
        var method = sid + ":permission";
        await relay.EmitAsync(cli, "rpc-register", new { method });

        var pending = relay.EmitWithAckAsync(phone, "rpc-call", new { method, @params = "{}" });
        await RelayHarness.EventuallyAsync(() => cli.Requests.Count == 1, "forwarded");
        await relay.Server.OnDisconnectedAsync(cli, "transport close");

        Assert.That((await pending).GetRawText(), Is.EqualTo("{\"ok\":false,\"error\":\"RPC method not available\"}"), "no 30 s wait for a gone target");
        Assert.That((await relay.EmitWithAckAsync(phone, "rpc-call", new { method, @params = "{}" })).GetProperty("error").GetString(), Is.EqualTo("RPC method not available"));
        Assert.That(relay.Server.GetAccount(RelayHarness.Account).State.RpcMethods, Is.Empty);
    }

    [Test]
    public async Task InvalidCallsGetTheSpecErrors()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var cli = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(cli, "rpc-register", new { method = sid + ":abort" });
        await relay.EmitAsync(cli, "rpc-register", new { method = "" });

        Assert.That((await relay.EmitWithAckAsync(cli, "rpc-call", new { method = sid + ":abort", @params = "{}" })).GetProperty("error").GetString(), Is.EqualTo("Cannot call RPC on the same socket"));
        Assert.That((await relay.EmitWithAckAsync(cli, "rpc-call", new { method = "", @params = "{}" })).GetProperty("error").GetString(), Is.EqualTo("Invalid parameters: method is required"));
        Assert.That((await relay.EmitWithAckAsync(cli, "rpc-call", "{\"method\":\"x\",\"params\":{\"a\":1}}")).GetProperty("error").GetString(), Is.EqualTo("Invalid parameters"));
        Assert.That((await relay.EmitWithAckAsync(cli, "rpc-call", "not json")).GetProperty("error").GetString(), Is.EqualTo("Invalid parameters"));
        await RelayHarness.EventuallyAsync(() => cli.Payloads("rpc-error").Count == 1, "rpc-error");
        Assert.That(cli.Payloads("rpc-error")[0].GetRawText(), Is.EqualTo("{\"type\":\"register\",\"error\":\"Invalid method name\"}"));
    }
}
