using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Agents.Tests.Acp;

/// <summary>
/// A loopback ACP server (ENGINES.md §6.6) on HttpListener with a free port. <c>POST /runs</c> answers by the input text:
///   <c>ping</c>    the golden exchange: <c>awaiting</c> with <c>{"reason":"permission"}</c>, then after the resume
///                  <c>completed</c> with "acp: ping (&lt;message&gt;)" or "acp: ping (denied: &lt;message&gt;)";
///   <c>slow</c>    <c>running</c>, then two polls still in progress, then completed "acp: slow done";
///   <c>sse</c>     an SSE stream: parts, message.completed and run.completed carrying the same text;
///   <c>fail</c>    a failed run with an error;
///   <c>forever</c> a run that stays <c>running</c>;
///   <c>crash</c>   the connection is dropped without an answer;
///   anything else completed "acp: &lt;text&gt;".
/// <c>GET /runs/{id}</c> answers 405 when <see cref="GetUnsupported"/>, so the client falls back to polling by POST.
/// </summary>
internal sealed class AcpStubServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, RunState> _runs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _next;

    public AcpStubServer()
    {
        // A probed free port can be taken again before HttpListener binds it: retry on a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            var url = "http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            listener.Prefixes.Add(url + "/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = url;
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public bool GetUnsupported { get; set; }

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _listener.Close(); // Close stops too; calling Stop first makes the managed listener throw on some runs
        }
        catch (HttpListenerException)
        {
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Url!.AbsolutePath;
        Requests.Enqueue((request.HttpMethod, path, body));
        try
        {
            if (request.HttpMethod == "POST" && path == "/runs")
            {
                await CreateAsync(context, JsonNode.Parse(body)!.AsObject());
            }
            else if (path.StartsWith("/runs/", StringComparison.Ordinal))
            {
                var runId = path["/runs/".Length..];
                if (request.HttpMethod == "GET" && GetUnsupported)
                {
                    context.Response.StatusCode = 405;
                    context.Response.Close();
                    return;
                }

                var resume = request.HttpMethod == "POST" ? JsonNode.Parse(body)?["await_resume"] as JsonObject : null;
                await AdvanceAsync(context, runId, resume);
            }
            else
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (abort): nothing to answer.
        }
    }

    private async Task CreateAsync(HttpListenerContext context, JsonObject body)
    {
        var text = body["input"]?[0]?["parts"]?[0]?["content"]?.GetValue<string>() ?? string.Empty;
        var runId = "00000000-0000-4000-8000-" + Interlocked.Increment(ref _next).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        var state = new RunState(text);
        _runs[runId] = state;
        switch (text)
        {
            case "ping":
                await JsonAsync(context, Run(runId, "awaiting", new JsonObject { ["reason"] = "permission" }, null));
                break;
            case "slow" or "forever":
                await JsonAsync(context, Run(runId, "running", null, null));
                break;
            case "sse":
                await SseAsync(context, runId, "acp: streamed");
                break;
            case "fail":
                var failed = Run(runId, "failed", null, null);
                failed["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "agent exploded" };
                await JsonAsync(context, failed);
                break;
            case "crash":
                context.Response.Abort();
                break;
            default:
                await JsonAsync(context, Run(runId, "completed", null, "acp: " + text));
                break;
        }
    }

    private async Task AdvanceAsync(HttpListenerContext context, string runId, JsonObject? resume)
    {
        if (!_runs.TryGetValue(runId, out var state))
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        if (resume is not null)
        {
            var allow = resume["allow"]?.GetValue<bool>() == true;
            var message = resume["message"]?.GetValue<string>() ?? string.Empty;
            await JsonAsync(context, Run(runId, "completed", null, "acp: " + state.Text + " (" + (allow ? message : "denied: " + message) + ")"));
            return;
        }

        var polls = Interlocked.Increment(ref state.Polls);
        if (state.Text == "forever" || (state.Text == "slow" && polls < 3))
        {
            await JsonAsync(context, Run(runId, polls % 2 == 0 ? "in-progress" : "running", null, null));
            return;
        }

        await JsonAsync(context, Run(runId, "completed", null, "acp: " + state.Text + " done"));
    }

    private static JsonObject Run(string runId, string status, JsonObject? awaitRequest, string? output) => new()
    {
        ["agent_name"] = "test-agent",
        ["run_id"] = runId,
        ["status"] = status,
        ["await_request"] = awaitRequest,
        ["output"] = output is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["role"] = "agent/test-agent", ["parts"] = new JsonArray(new JsonObject { ["content_type"] = "text/plain", ["content"] = output }) }),
    };

    private static async Task JsonAsync(HttpListenerContext context, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static async Task SseAsync(HttpListenerContext context, string runId, string text)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        var half = text.Length / 2;
        var part = (string t) => new JsonObject { ["content_type"] = "text/plain", ["content"] = t };
        string[] events =
        [
            new JsonObject { ["type"] = "run.created", ["run"] = Run(runId, "created", null, null) }.ToJsonString(),
            new JsonObject { ["type"] = "message.part", ["part"] = part(text[..half]) }.ToJsonString(),
            new JsonObject { ["type"] = "message.part", ["part"] = part(text[half..]) }.ToJsonString(),
            new JsonObject { ["type"] = "message.completed", ["message"] = new JsonObject { ["role"] = "agent/test-agent", ["parts"] = new JsonArray(part(text)) } }.ToJsonString(),
            new JsonObject { ["type"] = "run.completed", ["run"] = Run(runId, "completed", null, text) }.ToJsonString(),
        ];
        var payload = new StringBuilder();
        foreach (var e in events)
        {
            payload.Append("event: message\ndata: ").Append(e).Append("\n\n");
        }

        payload.Append("data: [DONE]\n\n");
        var bytes = Encoding.UTF8.GetBytes(payload.ToString());
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private sealed class RunState(string text)
    {
        public int Polls;

        public string Text { get; } = text;
    }
}
