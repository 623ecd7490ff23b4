using System.Text;
using System.Text.Json;
using Delight.Protocol.Crypto;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;

namespace Delight.Runtime.Tests.Session.Fakes;

/// <summary>A SessionRuntime on production (or simulation) mailboxes with a fake socket, a fake engine and a manual clock.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    public const string Sid = "sid-1";

    // A clearly fake test key.
    public static readonly byte[] DataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly ContentCipher _phoneCipher = new(DataKey, new SeededRandomSource(99));

    public SessionHarness(
        Action<FakeEngine>? configure = null,
        long serverVersion = 0,
        IMailboxFactory? mailboxes = null,
        int inboxCapacity = 8192,
        ITakebackWatcher? takeback = null,
        ILocalSessionInfoStore? localSessions = null)
    {
        Engines.Configure = configure;
        Socket.ServerVersion = serverVersion;
        var world = new SessionWorld(Time, mailboxes ?? ChannelMailboxFactory.Instance, Socket, Engines, new SequentialIdSource(), new SeededRandomSource(7), Console)
        {
            InboxCapacity = inboxCapacity,
            Takeback = takeback,
            LocalSessions = localSessions,
        };
        Runtime = new SessionRuntime(world, SessionState.Initial(SessionSettings.Create(Sid, "fake", "/work"), agentStateVersion: serverVersion), DataKey);
    }

    public ManualTimeProvider Time { get; } = new();

    public FakeSocket Socket { get; } = new();

    public FakeEngineFactory Engines { get; } = new();

    public FakeEngine Engine => Engines.Engine ?? throw new InvalidOperationException("no engine created yet");

    public RecordingConsole Console { get; } = new();

    public SessionRuntime Runtime { get; }

    public SessionState State => Runtime.State;

    public async Task StartLocalAsync()
    {
        await Runtime.StartAsync();
        var reply = await Runtime.SwitchModeAsync(AgentMode.Local).WaitAsync(TimeSpan.FromSeconds(10));
        if (reply != new ReplyMode(AgentMode.Local))
        {
            throw new InvalidOperationException($"startup switch failed: {reply}");
        }
    }

    private long _nextMessageSeq;

    /// <summary>The phone sends a user text: <c>update</c>/<c>new-message</c> with the encrypted record.</summary>
    public Task PhoneSendsAsync(string text, string localId)
    {
        var seq = Interlocked.Increment(ref _nextMessageSeq);
        var cipher = _phoneCipher.EncryptToBase64(Encoding.UTF8.GetBytes(SessionWire.UserTextRecord(text)));
        return DeliverUpdateAsync("c1", w =>
        {
            w.WriteString("t", "new-message");
            w.WriteString("sid", Sid);
            w.WriteStartObject("message");
            w.WriteString("id", "m-" + localId);
            w.WriteNumber("seq", seq);
            w.WriteString("localId", localId);
            w.WriteStartObject("content");
            w.WriteString("t", "encrypted");
            w.WriteString("c", cipher);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>The phone calls <c>&lt;sid&gt;:method</c> with plaintext JSON params; returns the ack's task.</summary>
    public async Task<Task<string>> RpcAsync(string method, string paramsJson)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = SessionWire.Write(w =>
        {
            w.WriteString("method", $"{Sid}:{method}");
            w.WriteString("params", paramsJson);
        });
        await Socket.DeliverAsync(SessionWire.RpcRequestEvent, request, payload =>
        {
            ack.TrySetResult(payload);
            return Task.CompletedTask;
        });
        return ack.Task;
    }

    /// <summary>The relay broadcasts <c>update-session</c> with new encrypted metadata for this session.</summary>
    public Task RelaySendsMetadataAsync(string metadataJson, long version)
    {
        var cipher = _phoneCipher.EncryptToBase64(Encoding.UTF8.GetBytes(metadataJson));
        return DeliverUpdateAsync("u1", w =>
        {
            w.WriteString("t", "update-session");
            w.WriteString("id", Sid);
            w.WriteStartObject("metadata");
            w.WriteString("value", cipher);
            w.WriteNumber("version", version);
            w.WriteEndObject();
        });
    }

    /// <summary>Delivers an <c>update</c> envelope (<c>id</c>, <c>seq</c>, <c>createdAt</c>) around the body that <paramref name="writeBody"/> writes.</summary>
    private Task DeliverUpdateAsync(string updateId, Action<System.Text.Json.Utf8JsonWriter> writeBody)
    {
        var update = SessionWire.Write(w =>
        {
            w.WriteString("id", updateId);
            w.WriteNumber("seq", 1);
            w.WriteStartObject("body");
            writeBody(w);
            w.WriteEndObject();
            w.WriteNumber("createdAt", 1);
        });
        return Socket.DeliverAsync(SessionWire.UpdateEvent, update);
    }

    public string Decrypt(string base64) => Encoding.UTF8.GetString(_phoneCipher.DecryptFromBase64(base64));

    /// <summary>Plaintexts of the session messages the CLI emitted.</summary>
    public IReadOnlyList<string> MessagePlaintexts() =>
        [.. Socket.Payloads(SessionWire.MessageEvent).Select(p => Decrypt(JsonDocument.Parse(p).RootElement.GetProperty("message").GetString()!))];

    /// <summary>Polls <paramref name="condition"/>, moving the fake clock 50 ms per step (debounce timers fire).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, bool advanceClock = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}; state: {SessionJson.Canonical(State)}");
            }

            if (advanceClock)
            {
                Time.Advance(TimeSpan.FromMilliseconds(50));
            }

            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        _phoneCipher.Dispose();
    }
}

internal sealed class RecordingConsole : IDesktopConsole
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Print(string text)
    {
        lock (_gate)
        {
            _lines.Add(text);
        }
    }
}
