using System.Text.Json.Nodes;
using Delight.Runtime.Transport;
using Delight.Transport.SocketIo;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.SocketIo;

/// <summary>The real Socket.IO adapter against the real socket.io 4.8 server (the Node front) with a scripted relay.</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class SocketIoConnectionTests
{
    private ScriptedRelayBackend backend = null!;
    private TestRelay relay = null!;
    private readonly List<SocketIoConnection> connections = [];

    [SetUp]
    public async Task StartRelay()
    {
        backend = new ScriptedRelayBackend();
        relay = await TestRelay.StartAsync(backend);
    }

    [TearDown]
    public async Task StopRelay()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        connections.Clear();
        await relay.DisposeAsync();
    }

    private SocketIoConnection Open(SocketScope scope, ISocketTokenSource tokens, RecordingSocketHandler handler)
    {
        var connection = new SocketIoConnection(
            new SocketIoConnectionOptions
            {
                ServerUri = relay.BaseUri,
                Scope = scope,
                ReconnectDelay = TimeSpan.FromMilliseconds(200),
                ReconnectDelayMax = TimeSpan.FromSeconds(1),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            },
            tokens,
            TestLog.Logger);
        connection.SetHandler(handler);
        connections.Add(connection);
        return connection;
    }

    [Test]
    public async Task Connect_reaches_the_handler_and_carries_the_session_scoped_handshake_auth()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.SessionScoped("s-1"), new FixedSocketTokenSource("jwt-a"), handler);

        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        Assert.That(connection.IsConnected, Is.True);
        Assert.That(backend.Handshakes.TryPeek(out var handshake), Is.True);
        Assert.That(handshake.Auth.ToJsonString(), Is.EqualTo("""{"token":"jwt-a","clientType":"session-scoped","sessionId":"s-1"}"""));
    }

    [Test]
    public async Task User_and_terminal_scoped_sockets_send_their_own_auth()
    {
        var userHandler = new RecordingSocketHandler();
        var terminalHandler = new RecordingSocketHandler();
        await Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt-u"), userHandler).ConnectAsync();
        await Open(SocketScope.TerminalScoped("t-9"), new FixedSocketTokenSource("jwt-t"), terminalHandler).ConnectAsync();
        await userHandler.NextAsync<SocketReport.Connected>();
        await terminalHandler.NextAsync<SocketReport.Connected>();

        var auths = backend.Handshakes.Select(h => h.Auth.ToJsonString()).ToList();
        Assert.That(auths, Is.EquivalentTo(new[]
        {
            """{"token":"jwt-u","clientType":"user-scoped"}""",
            """{"token":"jwt-t","clientType":"terminal-scoped","terminalId":"t-9"}""",
        }));
    }

    [Test]
    public async Task Events_from_the_relay_reach_the_handler_in_order()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        for (var i = 0; i < 20; i++)
        {
            await connection.EmitAsync("echo", $$"""{"n":{{i}}}""");
        }

        for (var i = 0; i < 20; i++)
        {
            var echo = await handler.NextAsync<SocketReport.Event>(e => e.Name == "echo");
            Assert.That(JsonNode.Parse(echo.PayloadJson)!["n"]!.GetValue<int>(), Is.EqualTo(i));
        }

        Assert.That(handler.SawOverlap, Is.False, "handler calls must not overlap");
    }

    [Test]
    public async Task Emit_with_ack_returns_the_ack_payload()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        var ack = await connection.EmitWithAckAsync("ack-me", """{"x":1}""", TimeSpan.FromSeconds(5));

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(ack), JsonNode.Parse("""{"got":{"x":1}}""")), Is.True, ack);
    }

    [Test]
    public async Task Emit_with_ack_times_out_with_a_typed_exception()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        var error = Assert.ThrowsAsync<SocketAckTimeoutException>(
            () => connection.EmitWithAckAsync("no-ack", "{}", TimeSpan.FromMilliseconds(300)));

        Assert.That(error!.EventName, Is.EqualTo("no-ack"));
        Assert.That(connection.IsConnected, Is.True, "an ack timeout does not drop the socket");
    }

    [Test]
    public void Emit_with_ack_while_not_connected_throws_disconnected()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);

        var error = Assert.ThrowsAsync<SocketDisconnectedException>(
            () => connection.EmitWithAckAsync("update-state", "{}", TimeSpan.FromSeconds(1)));

        Assert.That(error!.EventName, Is.EqualTo("update-state"));
    }

    [Test]
    public async Task A_relay_event_that_wants_an_ack_is_answered_through_the_handler()
    {
        var handler = new RecordingSocketHandler
        {
            OnEventHook = async (name, payload, ack) =>
            {
                if (name == "rpc-request" && ack is not null)
                {
                    await ack("""{"success":true}""");
                }
            },
        };
        var connection = Open(SocketScope.SessionScoped("s-1"), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();
        var socket = backend.ConnectedSockets.Single();

        var result = await socket.EmitWithAckAsync("rpc-request", """{"method":"s-1:ping","params":"{}"}""", TimeSpan.FromSeconds(5));

        Assert.That(result, Is.EqualTo("""{"success":true}"""));
        var request = handler.All.OfType<SocketReport.Event>().Single(e => e.Name == "rpc-request");
        Assert.That(request.Ack, Is.Not.Null);
    }

    [Test]
    public async Task Events_without_an_ack_id_get_no_ack_callback()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        await backend.ConnectedSockets.Single().EmitAsync("update", """{"id":"u1","seq":1,"body":{"t":"delete-session","sid":"s"},"createdAt":1}""");

        var update = await handler.NextAsync<SocketReport.Event>(e => e.Name == "update");
        Assert.That(update.Ack, Is.Null);
        Assert.That(JsonNode.Parse(update.PayloadJson)!["body"]!["t"]!.GetValue<string>(), Is.EqualTo("delete-session"));
    }

    [Test]
    public async Task The_relay_error_event_becomes_an_auth_error_then_a_fresh_token_reconnects()
    {
        var tokens = new SequenceTokenSource("expired-1", "fresh-2");
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.SessionScoped("s-1"), tokens, handler);

        await connection.ConnectAsync();
        var authError = await handler.NextAsync<SocketReport.AuthError>();
        Assert.That(authError.Message, Is.EqualTo("Invalid authentication token"));
        await handler.NextAsync<SocketReport.Disconnected>();
        await handler.NextAsync<SocketReport.Connected>(c => c.Number == 2);

        Assert.That(tokens.ForcedRefreshes, Is.EqualTo(1));
        Assert.That(backend.Handshakes.Select(h => h.Auth["token"]!.GetValue<string>()), Is.EqualTo(new[] { "expired-1", "fresh-2" }));
        Assert.That(
            handler.All.Take(4).Select(r => r.GetType().Name),
            Is.EqualTo(new[] { "Connected", "AuthError", "Disconnected", "Connected" }),
            "Socket.IO order: connect, then the relay's error, then its disconnect, then the new socket");
        Assert.That(connection.IsConnected, Is.True);
    }

    [Test]
    public async Task After_a_token_refresh_the_new_socket_keeps_the_handler_and_its_rpc_methods_answer()
    {
        // Upstream (RUNTIME.md F6, LATENT): the refreshed socket lost its rpc-request handler, so RPCs stopped working.
        var tokens = new SequenceTokenSource("expired-1", "fresh-2");
        var handler = new RecordingSocketHandler();
        SocketIoConnection? connection = null;
        handler.OnConnectedHook = () => connection!.EmitAsync("rpc-register", """{"method":"s-1:ping"}""");
        handler.OnEventHook = async (name, payload, ack) =>
        {
            if (name == "rpc-request" && ack is not null)
            {
                await ack("""{"success":true}""");
            }
        };
        connection = Open(SocketScope.SessionScoped("s-1"), tokens, handler);

        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.AuthError>();
        await handler.NextAsync<SocketReport.Connected>(c => c.Number == 2);
        await ScriptedRelayBackend.WaitUntilAsync(
            () => backend.RpcMethods.TryGetValue("s-1:ping", out var owner) && owner.IsConnected, "rpc-register on the refreshed socket");
        var result = await backend.RpcMethods["s-1:ping"].EmitWithAckAsync("rpc-request", """{"method":"s-1:ping","params":"{}"}""", TimeSpan.FromSeconds(5));

        Assert.That(result, Is.EqualTo("""{"success":true}"""));
        Assert.That(backend.Handshakes.Last().Auth["token"]!.GetValue<string>(), Is.EqualTo("fresh-2"));
    }

    [Test]
    public async Task A_connect_error_becomes_an_auth_error_and_the_refreshed_token_gets_in()
    {
        var tokens = new SequenceTokenSource("reject-handshake", "good");
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), tokens, handler);

        await connection.ConnectAsync();
        var authError = await handler.NextAsync<SocketReport.AuthError>();
        await handler.NextAsync<SocketReport.Connected>();

        Assert.That(authError.Message, Does.Contain("Invalid authentication token"));
        Assert.That(tokens.ForcedRefreshes, Is.EqualTo(1));
    }

    [Test]
    public async Task After_the_relay_restarts_the_socket_reconnects_and_rpc_methods_are_registered_again()
    {
        var handler = new RecordingSocketHandler();
        SocketIoConnection? connection = null;
        handler.OnConnectedHook = () => connection!.EmitAsync("rpc-register", """{"method":"s-1:ping"}""");
        handler.OnEventHook = async (name, payload, ack) =>
        {
            if (name == "rpc-request" && ack is not null)
            {
                await ack("""{"success":true}""");
            }
        };
        connection = Open(SocketScope.SessionScoped("s-1"), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>(c => c.Number == 1);
        await ScriptedRelayBackend.WaitUntilAsync(() => backend.RpcMethods.ContainsKey("s-1:ping"), "the first rpc-register");

        await relay.RestartFrontAsync();

        var disconnected = await handler.NextAsync<SocketReport.Disconnected>();
        Assert.That(disconnected.Reason, Is.Not.Empty);
        await handler.NextAsync<SocketReport.Connected>(c => c.Number == 2);
        await ScriptedRelayBackend.WaitUntilAsync(() => backend.RpcMethods.ContainsKey("s-1:ping"), "rpc-register on the new socket");
        var result = await backend.RpcMethods["s-1:ping"].EmitWithAckAsync("rpc-request", """{"method":"s-1:ping","params":"{}"}""", TimeSpan.FromSeconds(5));
        Assert.That(result, Is.EqualTo("""{"success":true}"""));
        Assert.That(connection.ConnectionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Emits_made_while_offline_are_sent_after_the_reconnect_in_order()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.SessionScoped("s-1"), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        await relay.StopFrontAsync();
        await handler.NextAsync<SocketReport.Disconnected>();
        Assert.That(connection.IsConnected, Is.False);
        await connection.EmitAsync("message", """{"sid":"s-1","localId":"a","message":"x"}""");
        await connection.EmitAsync("message", """{"sid":"s-1","localId":"b","message":"y"}""");
        await relay.StartFrontAsync();
        await handler.NextAsync<SocketReport.Connected>(c => c.Number == 2);

        await ScriptedRelayBackend.WaitUntilAsync(() => backend.Events.Count(e => e.Name == "message") == 2, "the buffered messages");
        var localIds = backend.Events.Where(e => e.Name == "message").Select(e => JsonNode.Parse(e.PayloadJson)!["localId"]!.GetValue<string>());
        Assert.That(localIds, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task A_pending_ack_fails_as_disconnected_when_the_socket_drops()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        var pending = connection.EmitWithAckAsync("no-ack", "{}", TimeSpan.FromSeconds(30));
        await ScriptedRelayBackend.WaitUntilAsync(() => backend.Events.Any(e => e.Name == "no-ack"), "the no-ack event");
        await relay.StopFrontAsync();

        Assert.ThrowsAsync<SocketDisconnectedException>(() => pending);
    }

    [Test]
    public async Task Disconnect_reaches_the_handler_and_stops_reconnecting()
    {
        var handler = new RecordingSocketHandler();
        var connection = Open(SocketScope.UserScoped(), new FixedSocketTokenSource("jwt"), handler);
        await connection.ConnectAsync();
        await handler.NextAsync<SocketReport.Connected>();

        await connection.DisconnectAsync();

        var disconnected = await handler.NextAsync<SocketReport.Disconnected>();
        Assert.That(disconnected.Reason, Is.EqualTo("io client disconnect"));
        Assert.That(connection.IsConnected, Is.False);
        await Task.Delay(600);
        Assert.That(handler.All.OfType<SocketReport.Connected>().Count(), Is.EqualTo(1));
    }
}
