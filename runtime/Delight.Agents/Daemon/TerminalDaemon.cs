using System.Collections.Immutable;
using System.Text.Json;
using Delight.Agents.Records;
using Delight.Protocol.Crypto;
using Delight.Runtime.Actor;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Transport;

namespace Delight.Agents.Daemon;

/// <summary>Everything the daemon needs from outside.</summary>
public sealed record TerminalDaemonPorts(
    ISocketConnection TerminalSocket,
    ITerminalApi Api,
    IProcessExit ProcessExit,
    ISessionCloser SessionCloser,
    IMailboxFactory Mailboxes,
    TimeProvider Time,
    IRandomSource Random);

/// <summary>
/// The terminal-scoped side of the CLI (ENGINES.md §9, PROTOCOL.md §5.3, §6.8) in the runtime's style: one actor loop
/// (immutable <see cref="TerminalDaemonState"/>, <see cref="TerminalDaemonReducer"/>), an effects runner
/// (<see cref="TerminalDaemonEffects"/>), mailboxes from the injected factory and time from the injected provider.
/// It owns the terminal socket's handler: <c>rpc-request</c>s become events, connects and disconnects too.
/// </summary>
public sealed class TerminalDaemon : ISocketHandler, IAsyncDisposable
{
    private readonly TerminalDaemonPorts _ports;
    private readonly ActorLoop<TerminalDaemonState, DaemonEvent, DaemonCommand> _loop;
    private readonly EffectsRunner<DaemonCommand> _runner;
    private readonly TerminalDaemonEffects _effects;
    private readonly ContentCipher _cipher;
    private readonly CancellationTokenSource _stop = new();
    private Task _loopTask = Task.CompletedTask;
    private Task _runnerTask = Task.CompletedTask;

    public TerminalDaemon(string terminalId, TerminalMetadata metadata, int pid, ReadOnlySpan<byte> masterSecret, TerminalDaemonPorts ports, TerminalDaemonTimings? timings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        _ports = ports ?? throw new ArgumentNullException(nameof(ports));
        _cipher = new ContentCipher(masterSecret, ports.Random);
        var inbox = ports.Mailboxes.Create<DaemonEvent>(new MailboxOptions("terminal-daemon-inbox", 256));
        var batches = ports.Mailboxes.Create<ImmutableArray<DaemonCommand>>(new MailboxOptions("terminal-daemon-effects", 256));
        _loop = new ActorLoop<TerminalDaemonState, DaemonEvent, DaemonCommand>(
            TerminalDaemonState.Initial(terminalId, metadata, pid), new TerminalDaemonReducer(timings), inbox, batches);
        _effects = new TerminalDaemonEffects(terminalId, ports.TerminalSocket, ports.Api, _cipher, ports.ProcessExit, ports.SessionCloser, ports.Time, e => _loop.PostAsync(e));
        _runner = new EffectsRunner<DaemonCommand>(batches, _effects);
    }

    /// <summary>The committed state (immutable).</summary>
    public TerminalDaemonState State => _loop.State;

    /// <summary>Starts the loop, registers the terminal and connects the terminal socket.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loopTask = Task.Run(() => _loop.RunAsync(_stop.Token), CancellationToken.None);
        _runnerTask = Task.Run(() => _runner.RunAsync(_stop.Token), CancellationToken.None);
        _ports.TerminalSocket.SetHandler(this);
        await _loop.PostAsync(new DaemonStarted(_ports.Time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
        await _ports.TerminalSocket.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _loop.Inbox.Complete();
        _effects.Dispose();
        try
        {
            await Task.WhenAll(_loopTask, _runnerTask).WaitAsync(TimeSpan.FromSeconds(5), _ports.Time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _cipher.Dispose();
    }

    public Task OnConnectedAsync() => _loop.PostAsync(new TerminalSocketConnected()).AsTask();

    public Task OnDisconnectedAsync(string reason) => _loop.PostAsync(new TerminalSocketDisconnected(reason)).AsTask();

    public async Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack)
    {
        if (eventName != "rpc-request" || ack is null)
        {
            return; // rpc-registered, ephemerals and updates need nothing from the daemon
        }

        if (!Json.TryParse(payloadJson, out var document))
        {
            await ack("{\"error\":\"invalid rpc request\"}").ConfigureAwait(false);
            return;
        }

        string method;
        string? parameters;
        using (document)
        {
            method = document.RootElement.Str("method") ?? string.Empty;
            parameters = document.RootElement.TryGetProperty("params", out var p)
                ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()
                : null;
        }

        var kind = _effects.Classify(parameters);
        var replyId = _effects.HoldAck(ack);
        await _loop.PostAsync(new TerminalRpcRequested(replyId, method, kind)).ConfigureAwait(false);
    }

    public Task OnAuthErrorAsync(string message) => Task.CompletedTask;
}
