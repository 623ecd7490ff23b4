using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Agents.Stubs;

/// <summary>
/// A <c>codex app-server</c> stub (ENGINES.md §4.8): JSON-RPC without the <c>jsonrpc</c> member, integer ids echoed,
/// <c>initialize</c> required first, <c>thread/start</c> (with <c>thread/started</c> before the response) and
/// <c>thread/resume</c>, <c>turn/start</c> answered at once then <c>turn/started</c>, items and
/// <c>turn/completed</c>, <c>turn/interrupt</c> answered with <c>{}</c> then <c>turn/completed</c>
/// (<c>interrupted</c>), unknown methods answered with an error. The turn's text selects a script:
///   <c>ls</c>/<c>list files</c> the golden transcript (a command execution, then "One file: a.txt");
///   <c>hang</c>     a turn that only an interrupt ends;
///   <c>crash</c>    starts an item, then exits with code 3 mid-turn;
///   <c>approve</c>  sends the server request <c>item/commandExecution/requestApproval</c> and reports its answer;
///   <c>error</c>    an <c>error</c> notification;
///   <c>late &lt;ms&gt;</c> delays <c>turn/started</c>, then behaves like <c>hang</c>;
///   anything else one agent message <c>codex: &lt;text&gt;</c> streamed as deltas.
/// Options: <c>--record FILE</c>, <c>--thread-sandbox camel</c> (reject kebab-case in thread/start),
/// <c>--turn-sandbox kebab</c> (reject camelCase in turn/start), <c>--fail-initialize</c>.
/// </summary>
internal static class CodexAppServerStub
{
    public static async Task<int> RunAsync(StubArguments args)
    {
        var io = new StubIo(args.Get("--record"));
        var server = new Server(io, args);
        var reading = io.StartReading();
        await foreach (var line in io.Input.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            JsonObject? message;
            try
            {
                message = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }

            if (message is not null)
            {
                server.Handle(message);
            }
        }

        await reading.ConfigureAwait(false);
        return 0;
    }

    private sealed class Server(StubIo io, StubArguments args)
    {
        private readonly object _gate = new();
        private readonly Dictionary<long, TaskCompletionSource<JsonObject>> _serverCalls = [];
        private bool _initialized;
        private int _turns;
        private long _nextServerId = 1000;
        private string? _activeTurn;
        private CancellationTokenSource? _turnCts;
        private string _threadId = "thr_1";

        public void Handle(JsonObject message)
        {
            var method = message["method"]?.GetValue<string>();
            var id = message["id"];
            if (method is null)
            {
                // A response to one of our server requests.
                if (id is JsonValue v && v.TryGetValue<long>(out var responseId))
                {
                    TaskCompletionSource<JsonObject>? call;
                    lock (_gate)
                    {
                        _serverCalls.Remove(responseId, out call);
                    }

                    call?.TrySetResult(message);
                }

                return;
            }

            var parameters = message["params"] as JsonObject ?? [];
            if (id is null)
            {
                return; // notifications (initialized) need no answer
            }

            var requestId = id.GetValue<long>();
            if (method != "initialize" && !_initialized)
            {
                Error(requestId, -32600, "Not initialized");
                return;
            }

            switch (method)
            {
                case "initialize":
                    if (args.Has("--fail-initialize"))
                    {
                        Error(requestId, -32603, "initialize refused");
                        return;
                    }

                    _initialized = true;
                    Result(requestId, new JsonObject { ["userAgent"] = "codex_cli_rs/0.80.0" });
                    break;
                case "thread/start":
                    var sandbox = parameters["sandbox"]?.GetValue<string>() ?? string.Empty;
                    if (args.Get("--thread-sandbox") == "camel" && sandbox.Contains('-', StringComparison.Ordinal))
                    {
                        Error(requestId, -32600, "unknown variant `" + sandbox + "`, expected one of `readOnly`, `workspaceWrite`, `dangerFullAccess`");
                        return;
                    }

                    Notify("thread/started", new JsonObject { ["thread"] = new JsonObject { ["id"] = _threadId } });
                    Result(requestId, new JsonObject { ["thread"] = new JsonObject { ["id"] = _threadId } });
                    break;
                case "thread/resume":
                    _threadId = parameters["threadId"]?.GetValue<string>() ?? _threadId;
                    Result(requestId, new JsonObject { ["thread"] = new JsonObject { ["id"] = _threadId } });
                    break;
                case "turn/start":
                    StartTurn(requestId, parameters);
                    break;
                case "turn/interrupt":
                    Result(requestId, []);
                    CancellationTokenSource? turn;
                    lock (_gate)
                    {
                        turn = _turnCts;
                    }

                    turn?.Cancel();
                    break;
                default:
                    Error(requestId, -32601, "method not found: " + method);
                    break;
            }
        }

        private void StartTurn(long requestId, JsonObject parameters)
        {
            var policyType = (parameters["sandboxPolicy"] as JsonObject)?["type"]?.GetValue<string>() ?? string.Empty;
            if (args.Get("--turn-sandbox") == "kebab" && policyType.Any(char.IsUpper))
            {
                Error(requestId, -32600, "unknown variant `" + policyType + "`, expected one of `read-only`, `workspace-write`, `danger-full-access`");
                return;
            }

            var text = (parameters["input"] as JsonArray)?.FirstOrDefault()?["text"]?.GetValue<string>() ?? string.Empty;
            string turnId;
            CancellationTokenSource cts;
            lock (_gate)
            {
                if (_activeTurn is not null)
                {
                    Error(requestId, -32600, "a turn is already in progress");
                    return;
                }

                turnId = "turn_" + ++_turns;
                _activeTurn = turnId;
                cts = _turnCts = new CancellationTokenSource();
            }

            Result(requestId, new JsonObject { ["turn"] = Turn(turnId, "inProgress") });
            _ = Task.Run(async () =>
            {
                var status = "completed";
                try
                {
                    await RunTurnAsync(turnId, text, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    status = "interrupted";
                }

                lock (_gate)
                {
                    _activeTurn = null;
                    _turnCts = null;
                }

                Notify("turn/completed", new JsonObject { ["threadId"] = _threadId, ["turn"] = Turn(turnId, status) });
                cts.Dispose();
            });
        }

        private async Task RunTurnAsync(string turnId, string text, CancellationToken ct)
        {
            var words = text.Split(' ', 2);
            if (words[0] == "late")
            {
                await Task.Delay(int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
            }

            Notify("turn/started", new JsonObject { ["threadId"] = _threadId, ["turn"] = Turn(turnId, "inProgress") });
            switch (words[0])
            {
                case "ls" or "list":
                    Item("item/started", turnId, new JsonObject { ["type"] = "commandExecution", ["id"] = "it_1", ["command"] = "ls", ["status"] = "inProgress" });
                    Item("item/completed", turnId, new JsonObject { ["type"] = "commandExecution", ["id"] = "it_1", ["command"] = "ls", ["aggregatedOutput"] = "a.txt\n", ["exitCode"] = 0, ["status"] = "completed" });
                    Message(turnId, "it_2", "One file: ", "a.txt");
                    break;
                case "hang" or "late":
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    break;
                case "crash":
                    Item("item/started", turnId, new JsonObject { ["type"] = "agentMessage", ["id"] = "it_c", ["text"] = string.Empty });
                    Environment.Exit(3);
                    break;
                case "approve":
                    var answer = await CallAsync("item/commandExecution/requestApproval", new JsonObject { ["threadId"] = _threadId, ["turnId"] = turnId, ["itemId"] = "it_a", ["command"] = "rm -rf build" }, ct).ConfigureAwait(false);
                    var verdict = answer["error"] is JsonObject error ? "rejected: " + error["message"]?.GetValue<string>() : "decision: " + answer["result"]?.ToJsonString();
                    Message(turnId, "it_3", "approval ", verdict);
                    break;
                case "error":
                    Notify("error", new JsonObject { ["threadId"] = _threadId, ["turnId"] = turnId, ["willRetry"] = false, ["error"] = new JsonObject { ["message"] = "stub failure" } });
                    break;
                default:
                    Message(turnId, "it_" + turnId, "codex: ", text);
                    break;
            }
        }

        private async Task<JsonObject> CallAsync(string method, JsonObject parameters, CancellationToken ct)
        {
            var call = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            long id;
            lock (_gate)
            {
                id = ++_nextServerId;
                _serverCalls[id] = call;
            }

            io.Send(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
            return await call.Task.WaitAsync(ct).ConfigureAwait(false);
        }

        private void Message(string turnId, string itemId, string first, string second)
        {
            Item("item/started", turnId, new JsonObject { ["type"] = "agentMessage", ["id"] = itemId, ["text"] = string.Empty });
            Notify("item/agentMessage/delta", new JsonObject { ["threadId"] = _threadId, ["turnId"] = turnId, ["itemId"] = itemId, ["delta"] = first });
            Notify("item/agentMessage/delta", new JsonObject { ["threadId"] = _threadId, ["turnId"] = turnId, ["itemId"] = itemId, ["delta"] = second });
            Item("item/completed", turnId, new JsonObject { ["type"] = "agentMessage", ["id"] = itemId, ["text"] = first + second });
        }

        private void Item(string method, string turnId, JsonObject item) =>
            Notify(method, new JsonObject { ["threadId"] = _threadId, ["turnId"] = turnId, ["item"] = item });

        private static JsonObject Turn(string id, string status) => new() { ["id"] = id, ["status"] = status, ["items"] = new JsonArray() };

        private void Notify(string method, JsonObject parameters) => io.Send(new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString());

        private void Result(long id, JsonObject result) => io.Send(new JsonObject { ["id"] = id, ["result"] = result }.ToJsonString());

        private void Error(long id, int code, string message) =>
            io.Send(new JsonObject { ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }
}
