using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Records;

namespace Delight.Agents.Acp;

/// <summary>
/// The HTTP side of ACP (ENGINES.md §6.2–6.3): create a run, resume an awaiting run, poll (GET, falling back to POST),
/// and read either a JSON run or an SSE stream. SSE text is counted once: the run's final output wins, then completed
/// messages, then streamed parts (upstream adds all three, §6.3). SSE lines have no length limit.
/// </summary>
public sealed class AcpClient
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private bool _getUnsupported;

    public AcpClient(HttpClient http, string baseUrl, TimeSpan requestTimeout, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _baseUrl = (baseUrl ?? throw new ArgumentNullException(nameof(baseUrl))).TrimEnd('/');
        _timeout = requestTimeout;
        _time = time ?? TimeProvider.System;
    }

    public Task<AcpRun> CreateRunAsync(string agentName, string sessionId, string text, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["agent_name"] = agentName,
            ["session_id"] = sessionId,
            ["input"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["parts"] = new JsonArray(new JsonObject { ["content_type"] = "text/plain", ["content"] = text, ["content_encoding"] = "plain" }),
            }),
            ["mode"] = "sync",
        };
        if (string.IsNullOrEmpty(sessionId))
        {
            body.Remove("session_id");
        }

        return PostAsync(_baseUrl + "/runs", body, cancellationToken);
    }

    public Task<AcpRun> ResumeAsync(string runId, bool allow, string message, CancellationToken cancellationToken) =>
        PostAsync(RunUrl(runId), new JsonObject
        {
            ["run_id"] = runId,
            ["await_resume"] = new JsonObject { ["allow"] = allow, ["message"] = message },
            ["mode"] = "sync",
        }, cancellationToken);

    public async Task<AcpRun> PollAsync(string runId, CancellationToken cancellationToken)
    {
        if (!_getUnsupported)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RunUrl(runId));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var polled = await SendAsync(request, acceptAnyStatus: true, cancellationToken).ConfigureAwait(false);
            if (polled is not null)
            {
                return polled;
            }

            _getUnsupported = true; // answer the next polls with POST straight away
        }

        return await PostAsync(RunUrl(runId), new JsonObject { ["run_id"] = runId, ["mode"] = "sync" }, cancellationToken).ConfigureAwait(false);
    }

    private string RunUrl(string runId) => _baseUrl + "/runs/" + Uri.EscapeDataString(runId);

    private async Task<AcpRun> PostAsync(string url, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream, application/json");
        return (await SendAsync(request, acceptAnyStatus: false, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Returns null when <paramref name="acceptAnyStatus"/> and the answer is not a 200 JSON run (GET fallback).</summary>
    private async Task<AcpRun?> SendAsync(HttpRequestMessage request, bool acceptAnyStatus, CancellationToken cancellationToken)
    {
        request.Headers.ConnectionClose = true;
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (acceptAnyStatus)
            {
                if (response.StatusCode != HttpStatusCode.OK || IsEventStream(response))
                {
                    return null;
                }
            }
            else if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            {
                throw new AcpRequestException("acp request failed: " + (int)response.StatusCode + " " + response.ReasonPhrase);
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            if (IsEventStream(response))
            {
                return await ReadEventStreamAsync(body, linked.Token).ConfigureAwait(false);
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(body, default, linked.Token).ConfigureAwait(false);
                return ReadRun(document.RootElement);
            }
            catch (JsonException ex)
            {
                if (acceptAnyStatus)
                {
                    return null;
                }

                throw new AcpRequestException("acp response is not a run: " + ex.Message, ex);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AcpRequestException("acp request timed out after " + _timeout.TotalSeconds + " s");
        }
        catch (HttpRequestException ex)
        {
            throw new AcpRequestException("acp request failed: " + ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new AcpRequestException("acp request failed: " + ex.Message, ex);
        }
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    private static AcpRun ReadRun(JsonElement run)
    {
        if (run.ValueKind != JsonValueKind.Object)
        {
            throw new AcpRequestException("acp response is not a run object");
        }

        return new AcpRun(
            run.Str("run_id") ?? string.Empty,
            run.Str("status") ?? string.Empty,
            run.Obj("await_request")?.GetRawText(),
            OutputText(run.Arr("output")),
            run.Obj("error")?.Str("message"));
    }

    private static async Task<AcpRun> ReadEventStreamAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string runId = string.Empty;
        string status = string.Empty;
        string? awaitRequest = null;
        string? error = null;
        var parts = new StringBuilder();
        var completed = new StringBuilder();
        var runOutput = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } raw)
        {
            var line = raw.Trim();
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var payload = line[5..].Trim();
            if (payload.Length == 0 || payload == "[DONE]" || !Json.TryParse(payload, out var document))
            {
                continue;
            }

            using (document)
            {
                var e = document.RootElement;
                switch (e.Str("type"))
                {
                    case "message.part":
                        parts.Append(PartText(e.Obj("part")));
                        break;
                    case "message.completed":
                        completed.Append(PartsText(e.Obj("message")?.Arr("parts")));
                        break;
                    case "run.awaiting":
                        runId = e.Obj("run")?.Str("run_id") ?? runId;
                        status = e.Obj("run")?.Str("status") ?? status;
                        awaitRequest = e.Obj("run")?.Obj("await_request")?.GetRawText();
                        break;
                    case "run.completed" or "run.failed" or "run.cancelled":
                        runId = e.Obj("run")?.Str("run_id") ?? runId;
                        status = e.Obj("run")?.Str("status") ?? status;
                        runOutput.Append(OutputText(e.Obj("run")?.Arr("output")));
                        error = e.Obj("run")?.Obj("error")?.Str("message") ?? error;
                        break;
                }
            }
        }

        var text = runOutput.Length > 0 ? runOutput.ToString() : completed.Length > 0 ? completed.ToString() : parts.ToString();
        return new AcpRun(runId, status, awaitRequest, text, error);
    }

    private static string OutputText(JsonElement? output)
    {
        if (output is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var message in output.Value.EnumerateArray())
        {
            text.Append(PartsText(message.Arr("parts")));
        }

        return text.ToString();
    }

    private static string PartsText(JsonElement? parts)
    {
        if (parts is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var part in parts.Value.EnumerateArray())
        {
            text.Append(PartText(part));
        }

        return text.ToString();
    }

    /// <summary>Text of a part whose content type starts with <c>text/</c>; base64 parts decoded, bad ones skipped.</summary>
    private static string PartText(JsonElement? part)
    {
        if (part is not { } p || !(p.Str("content_type") ?? string.Empty).StartsWith("text/", StringComparison.Ordinal) || p.Str("content") is not { Length: > 0 } content)
        {
            return string.Empty;
        }

        if (p.Str("content_encoding") != "base64")
        {
            return content;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(content));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
