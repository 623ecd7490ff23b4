using System.Collections.Concurrent;
using Delight.Agents.Daemon;
using Delight.Runtime.Transport;

namespace Delight.Agents.Tests.Daemon;

/// <summary>A terminal socket the test drives: records emits, answers <c>terminal-update-state</c> with a scripted ack,
/// and delivers <c>rpc-request</c>s with an ack the test can read.</summary>
internal sealed class FakeTerminalSocket : ISocketConnection
{
    private ISocketHandler? _handler;

    public ConcurrentQueue<(string Event, string Payload)> Emitted { get; } = new();

    public Func<string, string> StateAck { get; set; } = _ => "{\"result\":\"success\",\"version\":2}";

    public bool IsConnected { get; private set; }

    public void SetHandler(ISocketHandler handler) => _handler = handler;

    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task ConnectNowAsync()
    {
        IsConnected = true;
        await _handler!.OnConnectedAsync();
    }

    public async Task DropAsync()
    {
        IsConnected = false;
        await _handler!.OnDisconnectedAsync("transport close");
    }

    public Task DisconnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        Emitted.Enqueue((eventName, payloadJson));
        return Task.CompletedTask;
    }

    public Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Emitted.Enqueue((eventName, payloadJson));
        return Task.FromResult(StateAck(payloadJson));
    }

    /// <summary>Delivers an rpc-request and returns the ack payload the daemon answers with.</summary>
    public async Task<string> CallAsync(string method, string? paramsJsonString)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var payload = new System.Text.Json.Nodes.JsonObject { ["method"] = method, ["params"] = paramsJsonString }.ToJsonString();
        await _handler!.OnEventAsync("rpc-request", payload, answer =>
        {
            ack.TrySetResult(answer);
            return Task.CompletedTask;
        });
        return await ack.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class FakeTerminalApi : ITerminalApi
{
    public TaskCompletionSource<(string Id, string Metadata, string State)> Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls;

    public Task<TerminalRegistration> RegisterTerminalAsync(string terminalId, string metadataCiphertext, string daemonStateCiphertext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        Registered.TrySetResult((terminalId, metadataCiphertext, daemonStateCiphertext));
        return Task.FromResult(new TerminalRegistration(1, 1));
    }
}

internal sealed class RecordingExit : IProcessExit
{
    public ConcurrentQueue<int> Codes { get; } = new();

    public TaskCompletionSource<int> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Exit(int exitCode)
    {
        Codes.Enqueue(exitCode);
        First.TrySetResult(exitCode);
    }
}

internal sealed class RecordingCloser : ISessionCloser
{
    public int Calls;

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return Task.CompletedTask;
    }
}
