using System.Threading.Channels;
using Delight.Runtime.Transport;

namespace Delight.Transport.Tests.Support;

/// <summary>What a socket reported to its handler, in order.</summary>
public abstract record SocketReport
{
    private SocketReport()
    {
    }

    public sealed record Connected(int Number) : SocketReport;

    public sealed record Disconnected(string Reason) : SocketReport;

    public sealed record Event(string Name, string PayloadJson, Func<string, Task>? Ack) : SocketReport;

    public sealed record AuthError(string Message) : SocketReport;
}

/// <summary>An <see cref="ISocketHandler"/> that records every call and lets a test wait for the next matching one.
/// <see cref="OnConnectedHook"/> runs on every connect, as the session runtime's RPC re-registration does.</summary>
public sealed class RecordingSocketHandler : ISocketHandler
{
    private readonly Channel<SocketReport> reports = Channel.CreateUnbounded<SocketReport>();
    private readonly object gate = new();
    private readonly List<SocketReport> all = [];
    private int connects;
    private int concurrent;

    public Func<Task>? OnConnectedHook { get; set; }

    public Func<string, string, Func<string, Task>?, Task>? OnEventHook { get; set; }

    /// <summary>Set if two handler calls ever overlapped (the adapter promises one at a time).</summary>
    public bool SawOverlap { get; private set; }

    public IReadOnlyList<SocketReport> All
    {
        get
        {
            lock (gate)
            {
                return [.. all];
            }
        }
    }

    public async Task OnConnectedAsync()
    {
        Enter();
        try
        {
            Record(new SocketReport.Connected(Interlocked.Increment(ref connects)));
            if (OnConnectedHook is { } hook)
            {
                await hook();
            }
        }
        finally
        {
            Exit();
        }
    }

    public Task OnDisconnectedAsync(string reason) => Guarded(() => Record(new SocketReport.Disconnected(reason)));

    public async Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack)
    {
        Enter();
        try
        {
            Record(new SocketReport.Event(eventName, payloadJson, ack));
            if (OnEventHook is { } hook)
            {
                await hook(eventName, payloadJson, ack);
            }
        }
        finally
        {
            Exit();
        }
    }

    public Task OnAuthErrorAsync(string message) => Guarded(() => Record(new SocketReport.AuthError(message)));

    /// <summary>Waits for the next report of type <typeparamref name="T"/> that matches, skipping others.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : SocketReport
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var report = await reports.Reader.ReadAsync(cancellation.Token);
                if (report is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {typeof(T).Name} report within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds} s; saw: {string.Join(", ", All)}");
        }
    }

    private void Record(SocketReport report)
    {
        lock (gate)
        {
            all.Add(report);
        }

        reports.Writer.TryWrite(report);
    }

    private Task Guarded(Action action)
    {
        Enter();
        try
        {
            action();
        }
        finally
        {
            Exit();
        }

        return Task.CompletedTask;
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref concurrent) > 1)
        {
            SawOverlap = true;
        }
    }

    private void Exit() => Interlocked.Decrement(ref concurrent);
}
