using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Agents.Stubs;

/// <summary>
/// A bridge-level stub (ENGINES.md §2.11): prints <c>ready</c> (or an <c>error</c> and exit 1), handles one
/// <c>user</c> at a time in FIFO order, and for each turn prints <c>system/init</c>, <c>raw</c> records and exactly one
/// <c>result</c>. The user text selects a script:
///   <c>ask &lt;command&gt;</c>  the golden transcript: a Bash tool_use, a <c>control_request</c>, then the tool result;
///   <c>hang</c>        starts a turn that only an abort ends;
///   <c>crash</c>       prints one record, then exits with code 3 mid-turn;
///   <c>big &lt;n&gt;</c>       one record holding n characters of text;
///   <c>think</c>       a thinking block, then text;
///   anything else a reply <c>stub: &lt;text&gt;</c>.
/// A changed restart-requiring <c>meta</c> key "respawns Claude" (reported as an extra record) without losing the message.
/// On <c>abort</c> the turn in progress is dropped silently (no <c>result</c>). At stdin end of file it exits 0.
/// Options: <c>--ready-delay-ms N</c>, <c>--fail-start TEXT</c>, <c>--no-ready</c>, <c>--exit-on-start N</c>,
/// <c>--record FILE</c> (appends every stdin line), <c>--session-id S</c>.
/// </summary>
internal static class ClaudeBridgeStub
{
    private static readonly string[] RestartKeys = ["fallbackModel", "customSystemPrompt", "appendSystemPrompt", "allowedTools", "disallowedTools"];

    public static async Task<int> RunAsync(StubArguments args)
    {
        var io = new StubIo(args.Get("--record"));
        if (args.Get("--exit-on-start") is { } code)
        {
            return int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (args.Get("--fail-start") is { } failure)
        {
            io.Send(new JsonObject { ["type"] = "error", ["error"] = failure }.ToJsonString());
            return 1;
        }

        await Task.Delay(args.GetInt("--ready-delay-ms", 0)).ConfigureAwait(false);
        var reading = io.StartReading();
        if (!args.Has("--no-ready"))
        {
            io.Send("{\"type\":\"ready\"}");
        }

        var bridge = new Bridge(io, args.Get("--resume") ?? args.Get("--session-id") ?? "S1");
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

            switch (message?["type"]?.GetValue<string>())
            {
                case "user":
                    bridge.Enqueue(message);
                    break;
                case "control_response":
                    bridge.Answer(message);
                    break;
                case "abort":
                    bridge.Abort();
                    break;
                case "shutdown":
                    return 0;
            }
        }

        await reading.ConfigureAwait(false);
        return 0;
    }

    private sealed class Bridge(StubIo io, string sessionId)
    {
        private readonly object _gate = new();
        private readonly Queue<JsonObject> _queue = new();
        private readonly Dictionary<string, TaskCompletionSource<JsonObject>> _pending = [];
        private readonly Dictionary<string, string> _childConfig = [];
        private CancellationTokenSource? _turn;
        private int _counter;
        private bool _childExists;

        public void Enqueue(JsonObject message)
        {
            lock (_gate)
            {
                _queue.Enqueue(message);
            }

            Pump();
        }

        public void Answer(JsonObject message)
        {
            var id = message["request_id"]?.GetValue<string>() ?? string.Empty;
            TaskCompletionSource<JsonObject>? pending;
            lock (_gate)
            {
                _pending.Remove(id, out pending);
            }

            pending?.TrySetResult(message["response"] as JsonObject ?? []);
        }

        public void Abort()
        {
            lock (_gate)
            {
                _turn?.Cancel(); // Claude is killed: the turn ends with no result, the queue goes on
            }
        }

        private void Pump()
        {
            JsonObject next;
            CancellationTokenSource turn;
            lock (_gate)
            {
                if (_turn is not null || _queue.Count == 0)
                {
                    return;
                }

                next = _queue.Dequeue();
                turn = _turn = new CancellationTokenSource();
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await RunTurnAsync(next, turn.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // aborted: silent
                }

                lock (_gate)
                {
                    _turn = null;
                }

                turn.Dispose();
                Pump();
            });
        }

        private async Task RunTurnAsync(JsonObject message, CancellationToken ct)
        {
            var text = message["content"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : string.Empty;
            var meta = message["meta"] as JsonObject ?? [];
            var respawned = ApplyMeta(meta);
            io.Send(new JsonObject { ["type"] = "system", ["subtype"] = "init", ["session_id"] = sessionId, ["cwd"] = Environment.CurrentDirectory, ["model"] = meta["model"] is JsonValue m && m.TryGetValue<string>(out var model) ? model : "claude-sonnet-4-5" }.ToJsonString());
            if (respawned is not null)
            {
                Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = "stub: respawned claude (" + respawned + " changed)" }));
            }

            var words = text.Split(' ', 2);
            switch (words[0])
            {
                case "ask":
                    await AskAsync(words.Length > 1 ? words[1] : "ls", ct).ConfigureAwait(false);
                    return;
                case "hang":
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    return;
                case "crash":
                    Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = "stub: about to crash" }));
                    Environment.Exit(3);
                    return;
                case "big":
                    var size = int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
                    Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = new string('x', size) }));
                    break;
                case "think":
                    Raw(Assistant(new JsonObject { ["type"] = "thinking", ["thinking"] = "hmm", ["signature"] = "sig" }));
                    Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = "stub: thought" }));
                    break;
                default:
                    Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = "stub: " + text }));
                    break;
            }

            ct.ThrowIfCancellationRequested();
            Result("stub: " + text);
        }

        private async Task AskAsync(string command, CancellationToken ct)
        {
            int n;
            lock (_gate)
            {
                n = ++_counter;
            }

            var toolId = "tu" + n;
            var requestId = "R" + n;
            Raw(Assistant(new JsonObject { ["type"] = "tool_use", ["id"] = toolId, ["name"] = "Bash", ["input"] = new JsonObject { ["command"] = command } }));
            var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _pending[requestId] = answer;
            }

            io.Send(new JsonObject
            {
                ["type"] = "control_request",
                ["request_id"] = requestId,
                ["request"] = new JsonObject { ["subtype"] = "can_use_tool", ["tool_name"] = "Bash", ["input"] = new JsonObject { ["command"] = command } },
            }.ToJsonString());
            var response = await answer.Task.WaitAsync(ct).ConfigureAwait(false);
            var allowed = response["behavior"]?.GetValue<string>() == "allow";
            var reason = response["message"]?.GetValue<string>() ?? string.Empty;
            Raw(User(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = toolId, ["content"] = allowed ? "a.txt" : "denied: " + reason, ["is_error"] = !allowed }));
            var reply = allowed ? "One file: a.txt" : "Permission denied: " + reason;
            Raw(Assistant(new JsonObject { ["type"] = "text", ["text"] = reply }));
            Result(reply);
        }

        private string? ApplyMeta(JsonObject meta)
        {
            string? changed = null;
            lock (_gate)
            {
                foreach (var key in RestartKeys)
                {
                    if (!meta.ContainsKey(key))
                    {
                        continue; // absent keys leave the setting unchanged (§2.5)
                    }

                    var value = meta[key]?.ToJsonString() ?? string.Empty;
                    var previous = _childConfig.GetValueOrDefault(key, string.Empty);
                    if (value != previous)
                    {
                        _childConfig[key] = value;
                        if (_childExists)
                        {
                            changed ??= key;
                        }
                    }
                }

                _childExists = true;
            }

            return changed;
        }

        private void Raw(JsonObject record) => io.Send(new JsonObject { ["type"] = "raw", ["message"] = record }.ToJsonString());

        private void Result(string text) => io.Send(new JsonObject
        {
            ["type"] = "result",
            ["subtype"] = "success",
            ["is_error"] = false,
            ["result"] = text,
            ["session_id"] = sessionId,
            ["num_turns"] = 1,
            ["usage"] = new JsonObject(),
        }.ToJsonString());

        private JsonObject Assistant(JsonObject block) => Record("assistant", new JsonObject { ["role"] = "assistant", ["model"] = "claude-sonnet-4-5", ["content"] = new JsonArray(block) });

        private JsonObject User(JsonObject block) => Record("user", new JsonObject { ["role"] = "user", ["content"] = new JsonArray(block) });

        private JsonObject Record(string role, JsonObject message)
        {
            int n;
            lock (_gate)
            {
                n = ++_counter;
            }

            return new JsonObject
            {
                ["role"] = "agent",
                ["content"] = new JsonObject
                {
                    ["type"] = "output",
                    ["data"] = new JsonObject
                    {
                        ["type"] = role,
                        ["isSidechain"] = false,
                        ["isCompactSummary"] = false,
                        ["isMeta"] = false,
                        ["uuid"] = "msg_" + n,
                        ["parentUuid"] = null,
                        ["message"] = message,
                    },
                },
            };
        }
    }
}
