using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.JsonRpc;
using NUnit.Framework;

namespace Delight.Agents.Tests.JsonRpc;

[TestFixture]
public sealed class JsonRpcPeerTests
{
    private sealed class Handler : IJsonRpcHandler
    {
        public List<string> Seen { get; } = [];

        public ValueTask OnNotificationAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
        {
            Seen.Add("n:" + method);
            return ValueTask.CompletedTask;
        }

        public ValueTask<JsonRpcReply> OnRequestAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
        {
            Seen.Add("r:" + method);
            return ValueTask.FromResult(JsonRpcReply.Ok(new JsonObject { ["ok"] = true }));
        }
    }

    [Test]
    public async Task PendingCallsFailWhenThePeerCloses()
    {
        var written = new List<string>();
        var peer = new JsonRpcPeer((line, _) => { written.Add(line); return ValueTask.CompletedTask; }, new Handler(), includeVersionMember: true);
        var call = peer.CallAsync("slow", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        peer.Close("client closed");

        var ex = Assert.ThrowsAsync<JsonRpcClosedException>(() => call);
        Assert.That(ex!.Message, Is.EqualTo("client closed"));
        Assert.That(peer.PendingCount, Is.Zero);
        Assert.That(written.Single(), Does.Contain("\"jsonrpc\":\"2.0\"").And.Contain("\"id\":1"));
        Assert.ThrowsAsync<JsonRpcClosedException>(() => peer.CallAsync("later", null, TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Test]
    public async Task CancelledCallLeavesNoPendingEntry()
    {
        var peer = new JsonRpcPeer((_, _) => ValueTask.CompletedTask, new Handler(), includeVersionMember: false);
        using var cts = new CancellationTokenSource();
        var call = peer.CallAsync("slow", null, TimeSpan.FromSeconds(30), cts.Token);
        await cts.CancelAsync();
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(peer.PendingCount, Is.Zero);
    }

    [Test]
    public async Task ResponsesErrorsNotificationsAndServerRequestsAreRoutedInOrder()
    {
        var written = new List<string>();
        var handler = new Handler();
        var peer = new JsonRpcPeer((line, _) => { written.Add(line); return ValueTask.CompletedTask; }, handler, includeVersionMember: false);
        var first = peer.CallAsync("a", null, TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = peer.CallAsync("b", null, TimeSpan.FromSeconds(5), CancellationToken.None);

        await peer.OnLineAsync("{\"method\":\"note\",\"params\":{}}", CancellationToken.None);
        await peer.OnLineAsync("not json", CancellationToken.None);
        await peer.OnLineAsync("{\"id\":\"x\",\"result\":{}}", CancellationToken.None);
        await peer.OnLineAsync("{\"id\":77,\"method\":\"ask\",\"params\":{}}", CancellationToken.None);
        await peer.OnLineAsync("{\"id\":2,\"error\":{\"code\":-1,\"message\":\"nope\"}}", CancellationToken.None);
        await peer.OnLineAsync("{\"id\":1,\"result\":{\"v\":3}}", CancellationToken.None);

        Assert.That((await first).GetProperty("v").GetInt32(), Is.EqualTo(3));
        var error = Assert.ThrowsAsync<JsonRpcErrorException>(() => second);
        Assert.That(error!.Message, Is.EqualTo("nope"));
        Assert.That(handler.Seen, Is.EqualTo(new[] { "n:note", "r:ask" }));
        Assert.That(written.Last(), Is.EqualTo("{\"id\":77,\"result\":{\"ok\":true}}"));
    }
}
