using System.Text;
using System.Text.Json;
using Delight.Agents.Daemon;
using Delight.Agents.Tests.Support;
using Delight.Protocol.Crypto;
using Delight.Runtime.Mailbox;
using NUnit.Framework;

namespace Delight.Agents.Tests.Daemon;

[TestFixture]
public sealed class TerminalDaemonTests
{
    private const string TerminalId = "3f1c0000-0000-4000-8000-000000000001";

    // A clearly fake test key.
    private static readonly byte[] MasterSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private ManualTimeProvider _time = null!;
    private FakeTerminalSocket _socket = null!;
    private FakeTerminalApi _api = null!;
    private RecordingExit _exit = null!;
    private RecordingCloser _closer = null!;
    private TerminalDaemon _daemon = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new ManualTimeProvider();
        _socket = new FakeTerminalSocket();
        _api = new FakeTerminalApi();
        _exit = new RecordingExit();
        _closer = new RecordingCloser();
        _daemon = new TerminalDaemon(
            TerminalId,
            new TerminalMetadata("box", "linux", "0.4.2", "/home/u", "/home/u/.delight"),
            4242,
            MasterSecret,
            new TerminalDaemonPorts(_socket, _api, _exit, _closer, ChannelMailboxFactory.Instance, _time, new SeededRandomSource(7)));
        await _daemon.StartAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _daemon.DisposeAsync();
        await _socket.DisposeAsync();
    }

    private static string Decrypt(string base64)
    {
        using var cipher = new ContentCipher(MasterSecret);
        return Encoding.UTF8.GetString(cipher.DecryptFromBase64(base64));
    }

    private static string Encrypt(string json)
    {
        using var cipher = new ContentCipher(MasterSecret, new SeededRandomSource(9));
        return cipher.EncryptToBase64(Encoding.UTF8.GetBytes(json));
    }

    private async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met; emitted: " + string.Join(", ", _socket.Emitted.Select(e => e.Event)));
            }

            await Task.Delay(10);
        }
    }

    private List<string> Emitted(string name) => [.. _socket.Emitted.Where(e => e.Event == name).Select(e => e.Payload)];

    [Test]
    public async Task StartRegistersTheTerminalWithMetadataAndStateEncryptedWithTheMasterSecret()
    {
        var (id, metadata, state) = await _api.Registered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(id, Is.EqualTo(TerminalId));
        Assert.That(Decrypt(metadata), Is.EqualTo("{\"host\":\"box\",\"platform\":\"linux\",\"cliVersion\":\"0.4.2\",\"homeDir\":\"/home/u\",\"delightHomeDir\":\"/home/u/.delight\"}"));
        var daemonState = JsonDocument.Parse(Decrypt(state)).RootElement;
        Assert.That(daemonState.GetProperty("status").GetString(), Is.EqualTo("running"));
        Assert.That(daemonState.GetProperty("pid").GetInt32(), Is.EqualTo(4242));
        Assert.That(daemonState.GetProperty("startedAt").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    [Test]
    public async Task ConnectRegistersRpcMethodsWritesStateAndKeepsTheTerminalAlive()
    {
        await _api.Registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitAsync(() => _daemon.State.Registered);
        await _socket.ConnectNowAsync();
        await WaitAsync(() => Emitted("terminal-update-state").Count == 1 && Emitted("terminal-alive").Count == 1);

        Assert.That(Emitted("rpc-register"), Is.EqualTo(new[]
        {
            "{\"method\":\"" + TerminalId + ":stop-daemon\"}",
            "{\"method\":\"" + TerminalId + ":restart-daemon\"}",
            "{\"method\":\"" + TerminalId + ":ping\"}",
        }));
        var update = JsonDocument.Parse(Emitted("terminal-update-state")[0]).RootElement;
        Assert.That(update.GetProperty("expectedVersion").GetInt64(), Is.EqualTo(1));
        Assert.That(Decrypt(update.GetProperty("daemonState").GetString()!), Does.Contain("\"status\":\"running\""));
        await WaitAsync(() => _daemon.State.DaemonStateVersion == 2);

        _time.Advance(TimeSpan.FromSeconds(20));
        await WaitAsync(() => Emitted("terminal-alive").Count == 2);
        var alive = JsonDocument.Parse(Emitted("terminal-alive")[1]).RootElement;
        Assert.That(alive.GetProperty("terminalId").GetString(), Is.EqualTo(TerminalId));
        Assert.That(alive.GetProperty("time").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()));

        // A reconnect registers the handlers again.
        await _socket.DropAsync();
        await _socket.ConnectNowAsync();
        await WaitAsync(() => Emitted("rpc-register").Count == 6);
    }

    [Test]
    public async Task PingAnswersInTheShapeOfItsParams()
    {
        Assert.That(await _socket.CallAsync(TerminalId + ":ping", "{}"), Is.EqualTo("{\"success\":true}"));

        var encryptedReply = await _socket.CallAsync(TerminalId + ":ping", Encrypt("{}"));
        Assert.That(Decrypt(JsonSerializer.Deserialize<string>(encryptedReply)!), Is.EqualTo("{\"success\":true}"));

        var emptyReply = await _socket.CallAsync(TerminalId + ":ping", string.Empty);
        Assert.That(Decrypt(JsonSerializer.Deserialize<string>(emptyReply)!), Is.EqualTo("{\"success\":true}"));

        Assert.That(await _socket.CallAsync(TerminalId + ":ping", "%%not-base64-nor-json"), Is.EqualTo("{\"error\":\"decryption failed\"}"));
        Assert.That(await _socket.CallAsync(TerminalId + ":frobnicate", "{}"), Is.EqualTo("{\"error\":\"unknown method: " + TerminalId + ":frobnicate\"}"));
        Assert.That(_exit.Codes, Is.Empty);
    }

    [Test]
    public async Task StopDaemonClosesTheSessionThenExitsWithZero()
    {
        var reply = await _socket.CallAsync(TerminalId + ":stop-daemon", "{}");
        Assert.That(reply, Is.EqualTo("{\"message\":\"Daemon stop request acknowledged, starting shutdown sequence...\"}"));
        Assert.That(_closer.Calls, Is.Zero);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        await WaitAsync(() => _closer.Calls == 1);
        Assert.That(_exit.Codes, Is.Empty);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That(await _exit.First.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.Zero);

        _time.Advance(TimeSpan.FromSeconds(3)); // the watchdog finds the process already exiting
        await Task.Delay(100);
        Assert.That(_exit.Codes, Is.EqualTo(new[] { 0 }));
        Assert.That(_daemon.State.Phase, Is.EqualTo(DaemonPhase.Exited));
    }

    [Test]
    public async Task RestartDaemonExitsWith75AndOnlyTheFirstRequestCounts()
    {
        var reply = await _socket.CallAsync(TerminalId + ":restart-daemon", "{}");
        Assert.That(reply, Is.EqualTo("{\"message\":\"Daemon restart request acknowledged, starting shutdown sequence...\"}"));
        var second = await _socket.CallAsync(TerminalId + ":stop-daemon", "{}");
        Assert.That(second, Is.EqualTo("{\"message\":\"Daemon stop request acknowledged, starting shutdown sequence...\"}"));

        _time.Advance(TimeSpan.FromMilliseconds(200));
        await WaitAsync(() => _closer.Calls == 1);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That(await _exit.First.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(75));
        _time.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        Assert.That(_exit.Codes, Is.EqualTo(new[] { 75 }));
    }

    [Test]
    public async Task WatchdogExitsWhenTheShutdownStepsNeverRun()
    {
        // Drive the reducer directly: the exit step is lost, the watchdog still ends the process with the right code.
        var reducer = new TerminalDaemonReducer();
        var state = TerminalDaemonState.Initial(TerminalId, new TerminalMetadata("h", "p", "v", "/h", "/d"), 1);
        var afterStop = reducer.Reduce(state, new TerminalRpcRequested(1, TerminalId + ":restart-daemon", RpcParamsKind.Plain));
        var afterWatchdog = reducer.Reduce(afterStop.State, new ShutdownWatchdogFired(75));
        var afterLateStep = reducer.Reduce(afterWatchdog.State, new ShutdownStepDue(ShutdownStep.Exit));

        Assert.That(afterStop.Commands.OfType<StartTimer>().Select(t => t.Delay), Is.EqualTo(new[] { TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2) }));
        Assert.That(afterWatchdog.Commands, Is.EqualTo(new DaemonCommand[] { new ExitProcess(75) }));
        Assert.That(afterLateStep.Commands, Is.Empty);
        await Task.CompletedTask;
    }

    [Test]
    public async Task StateWriteMismatchAdoptsTheVersionWithoutRetrying()
    {
        _socket.StateAck = _ => "{\"result\":\"version-mismatch\",\"version\":7,\"daemonState\":\"x\"}";
        await WaitAsync(() => _daemon.State.Registered);
        await _socket.ConnectNowAsync();
        await WaitAsync(() => _daemon.State.DaemonStateVersion == 7);
        await Task.Delay(100);
        Assert.That(Emitted("terminal-update-state"), Has.Count.EqualTo(1));
    }
}
