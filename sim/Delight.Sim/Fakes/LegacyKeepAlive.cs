using Delight.Runtime.Session;
using Delight.Runtime.Transport;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;

namespace Delight.Sim.Fakes;

/// <summary>
/// Upstream's keep-alive goroutine, the second writer of <c>session-alive</c> (RUNTIME.md §9 S8): it reads the session's
/// working flag, then emits it a moment later on its own session socket, with the time of the read and no turn id. A
/// turn boundary landing in between makes the emit stale, and the relay must not let it reopen or close the turn. Our
/// CLI has one writer and never does this, but a relay serves upstream CLIs too. The socket stays connected until the
/// world stops (its disconnect would be a session-socket disconnect of its own).
/// </summary>
public sealed class LegacyKeepAlive(SimContext context, ISocketConnection socket, string sessionId, Func<bool> working)
{
    public async Task RunAsync(int ticks, TimeSpan period)
    {
        socket.SetHandler(new IgnoringHandler());
        await socket.ConnectAsync().ConfigureAwait(false);
        for (var tick = 0; tick < ticks; tick++)
        {
            await VirtualDelay.For(context.Clock, period).ConfigureAwait(false);
            var read = working();
            var readAtMs = context.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 1; // strictly before anything else at this millisecond
            await VirtualDelay.For(context.Clock, TimeSpan.FromMilliseconds(context.Random.Between(1, 300))).ConfigureAwait(false);
            context.Log.Add("legacy-keepalive", "emit", $"working={read} as read at {readAtMs}");
            await socket.EmitAsync(SessionWire.SessionAliveEvent, SessionWire.SessionAlive(sessionId, readAtMs, read)).ConfigureAwait(false);
        }
    }

    /// <summary>It only writes; what the relay sends to session sockets is not its business.</summary>
    private sealed class IgnoringHandler : ISocketHandler
    {
        public Task OnConnectedAsync() => Task.CompletedTask;

        public Task OnDisconnectedAsync(string reason) => Task.CompletedTask;

        public Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack) => Task.CompletedTask;

        public Task OnAuthErrorAsync(string message) => Task.CompletedTask;
    }
}
