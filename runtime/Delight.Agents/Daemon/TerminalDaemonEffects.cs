using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Records;
using Delight.Protocol.Crypto;
using Delight.Runtime.Actor;
using Delight.Runtime.Transport;

namespace Delight.Agents.Daemon;

/// <summary>
/// Runs the daemon's commands. Slow work (the HTTP registration, the state write's ack, closing the session) runs in the
/// background and reports back as events, so the effects runner never waits on the network. Terminal data and RPC
/// results are encrypted with the master secret used directly as the AES-256-GCM key (PROTOCOL.md §9.6–9.7).
/// </summary>
public sealed class TerminalDaemonEffects : ICommandHandler<DaemonCommand>, IDisposable
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions RecordJson = new();

    private readonly string _terminalId;
    private readonly ISocketConnection _socket;
    private readonly ITerminalApi _api;
    private readonly ContentCipher _cipher;
    private readonly IProcessExit _exit;
    private readonly ISessionCloser _closer;
    private readonly TimeProvider _time;
    private readonly Func<DaemonEvent, ValueTask> _post;
    private readonly object _gate = new();
    private readonly Dictionary<long, Func<string, Task>> _acks = [];
    private readonly List<ITimer> _timers = [];
    private long _nextReply;
    private bool _exited;

    public TerminalDaemonEffects(
        string terminalId,
        ISocketConnection socket,
        ITerminalApi api,
        ContentCipher cipher,
        IProcessExit exit,
        ISessionCloser closer,
        TimeProvider time,
        Func<DaemonEvent, ValueTask> post)
    {
        _terminalId = terminalId;
        _socket = socket;
        _api = api;
        _cipher = cipher;
        _exit = exit;
        _closer = closer;
        _time = time;
        _post = post;
    }

    /// <summary>Holds an RPC's ack until the reducer answers; returns the id the event carries.</summary>
    public long HoldAck(Func<string, Task> ack)
    {
        lock (_gate)
        {
            var id = ++_nextReply;
            _acks[id] = ack;
            return id;
        }
    }

    /// <summary>Classifies RPC params (PROTOCOL.md §5.2): empty, decryptable ciphertext, plaintext JSON, or neither.</summary>
    public RpcParamsKind Classify(string? parameters)
    {
        if (string.IsNullOrEmpty(parameters))
        {
            return RpcParamsKind.Empty;
        }

        if (_cipher.TryDecryptFromBase64(parameters, out byte[]? _, out _))
        {
            return RpcParamsKind.Encrypted;
        }

        return IsJsonValue(parameters) ? RpcParamsKind.Plain : RpcParamsKind.Undecryptable;
    }

    public async ValueTask HandleAsync(DaemonCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case RegisterTerminal register:
                _ = RegisterAsync(register);
                break;
            case RegisterRpcMethods methods:
                foreach (var method in methods.Methods)
                {
                    await _socket.EmitAsync("rpc-register", new JsonObject { ["method"] = method }.ToJsonString(), cancellationToken).ConfigureAwait(false);
                }

                break;
            case EmitTerminalAlive:
                await _socket.EmitAsync("terminal-alive", new JsonObject { ["terminalId"] = _terminalId, ["time"] = _time.GetUtcNow().ToUnixTimeMilliseconds() }.ToJsonString(), cancellationToken).ConfigureAwait(false);
                break;
            case WriteDaemonState write:
                _ = WriteStateAsync(write);
                break;
            case ReplyRpc reply:
                await ReplyAsync(reply).ConfigureAwait(false);
                break;
            case StartTimer timer:
                Arm(timer);
                break;
            case CloseSession:
                _ = CloseInBackgroundAsync();
                break;
            case ExitProcess exit:
                lock (_gate)
                {
                    if (_exited)
                    {
                        return;
                    }

                    _exited = true;
                }

                _exit.Exit(exit.ExitCode);
                break;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    public string Encrypt(string json) => _cipher.EncryptToBase64(Encoding.UTF8.GetBytes(json));

    private async Task RegisterAsync(RegisterTerminal register)
    {
        DaemonEvent result;
        try
        {
            var registration = await _api.RegisterTerminalAsync(
                _terminalId,
                Encrypt(JsonSerializer.Serialize(register.Metadata, RecordJson)),
                Encrypt(JsonSerializer.Serialize(register.State, RecordJson)),
                CancellationToken.None).ConfigureAwait(false);
            result = new TerminalRegistered(registration);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException)
        {
            result = new TerminalRegistrationFailed(ex.Message);
        }

        await PostQuietlyAsync(result).ConfigureAwait(false);
    }

    private async Task WriteStateAsync(WriteDaemonState write)
    {
        var payload = new JsonObject
        {
            ["terminalId"] = _terminalId,
            ["daemonState"] = Encrypt(JsonSerializer.Serialize(write.State, RecordJson)),
            ["expectedVersion"] = write.ExpectedVersion,
        };
        DaemonEvent result;
        try
        {
            var ack = await _socket.EmitWithAckAsync("terminal-update-state", payload.ToJsonString(), AckTimeout).ConfigureAwait(false);
            result = Json.TryParse(ack, out var document)
                ? Dispose(document, new DaemonStateWriteAcked(document.RootElement.Str("result") ?? "error", document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt64(out var version) ? version : null))
                : new DaemonStateWriteAcked("error", null);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
        {
            result = new DaemonStateWriteAcked("error", null);
        }

        await PostQuietlyAsync(result).ConfigureAwait(false);
    }

    private async Task ReplyAsync(ReplyRpc reply)
    {
        Func<string, Task>? ack;
        lock (_gate)
        {
            _acks.Remove(reply.ReplyId, out ack);
        }

        if (ack is null)
        {
            return;
        }

        // An encrypted result travels as a JSON string holding the base64 envelope; a plain one as the JSON object.
        var payload = reply.Encrypt ? JsonSerializer.Serialize(Encrypt(reply.ResultJson)) : reply.ResultJson;
        try
        {
            await ack(payload).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // The caller's socket went away; the relay times the call out.
        }
    }

    private void Arm(StartTimer start)
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                lock (_gate)
                {
                    _timers.Remove(timer!);
                }

                timer!.Dispose();
                _ = PostQuietlyAsync(start.Event);
            },
            null,
            start.Delay,
            Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _timers.Add(timer);
        }
    }

    private async Task CloseInBackgroundAsync()
    {
        try
        {
            await _closer.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Closing is best effort: the exit step follows regardless, and the watchdog backs it up.
        }
    }

    private async Task PostQuietlyAsync(DaemonEvent @event)
    {
        try
        {
            await _post(@event).ConfigureAwait(false);
        }
        catch (Delight.Runtime.Mailbox.MailboxClosedException)
        {
            // The daemon stopped; late timers and acks have nowhere to go.
        }
    }

    private static bool IsJsonValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static T Dispose<T>(JsonDocument? document, T value)
    {
        document?.Dispose();
        return value;
    }
}
