using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Records;

namespace Delight.Agents.JsonRpc;

/// <summary>
/// JSON-RPC 2.0 over JSON Lines (ENGINES.md §4.1): integer ids from a counter starting at 1, a pending-call table that
/// fails every call when the peer closes or the caller cancels (HIST #29: no call waits forever), notifications and
/// server requests dispatched one at a time in arrival order from <see cref="OnLineAsync"/>, and each server request
/// answered before the next line is read. The Codex app-server omits the <c>"jsonrpc"</c> member; other peers may want it.
/// </summary>
public sealed class JsonRpcPeer
{
    private readonly Func<string, CancellationToken, ValueTask> _writeLine;
    private readonly IJsonRpcHandler _handler;
    private readonly bool _includeVersionMember;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private long _nextId;
    private string? _closedReason;

    public JsonRpcPeer(Func<string, CancellationToken, ValueTask> writeLine, IJsonRpcHandler handler, bool includeVersionMember, TimeProvider? time = null)
    {
        _writeLine = writeLine ?? throw new ArgumentNullException(nameof(writeLine));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _includeVersionMember = includeVersionMember;
        _time = time ?? TimeProvider.System;
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closedReason is not null;
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Calls a method and returns its result (a detached clone). Throws <see cref="JsonRpcErrorException"/>
    /// for an error response (its text is only <c>error.message</c>), <see cref="JsonRpcClosedException"/> when the peer
    /// closes, <see cref="TimeoutException"/> after <paramref name="timeout"/>, or the caller's cancellation.</summary>
    public async Task<JsonElement> CallAsync(string method, JsonNode? parameters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        lock (_gate)
        {
            if (_closedReason is not null)
            {
                throw new JsonRpcClosedException(_closedReason);
            }

            id = ++_nextId;
            _pending[id] = completion;
        }

        try
        {
            var message = NewMessage();
            message["id"] = id;
            message["method"] = method;
            message["params"] = parameters;
            try
            {
                await _writeLine(message.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not JsonRpcClosedException)
            {
                throw new JsonRpcClosedException("write failed: " + ex.Message, ex);
            }

            return await completion.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    public async ValueTask NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var message = NewMessage();
        message["method"] = method;
        message["params"] = parameters;
        try
        {
            await _writeLine(message.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new JsonRpcClosedException("write failed: " + ex.Message, ex);
        }
    }

    /// <summary>Fails every pending call with <paramref name="reason"/>; later calls fail at once.</summary>
    public void Close(string reason)
    {
        List<TaskCompletionSource<JsonElement>> pending;
        lock (_gate)
        {
            _closedReason ??= reason;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var call in pending)
        {
            call.TrySetException(new JsonRpcClosedException(reason));
        }
    }

    /// <summary>Feeds one incoming line. Call from a single reader, in order.</summary>
    public async ValueTask OnLineAsync(string line, CancellationToken cancellationToken)
    {
        if (!Json.TryParse(line, out var document))
        {
            return; // not JSON: ignored (§4.1)
        }

        using (document)
        {
            var root = document.RootElement;
            var hasMethod = root.TryGetProperty("method", out var methodElement) && methodElement.ValueKind == JsonValueKind.String;
            var hasId = root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null;
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            if (hasMethod && !hasId)
            {
                await _handler.OnNotificationAsync(methodElement.GetString()!, parameters, cancellationToken).ConfigureAwait(false);
            }
            else if (hasMethod)
            {
                var reply = await _handler.OnRequestAsync(methodElement.GetString()!, parameters, cancellationToken).ConfigureAwait(false);
                var response = NewMessage();
                response["id"] = JsonNode.Parse(idElement.GetRawText()); // the id echoed verbatim (§4.5)
                if (reply.Error is { } error)
                {
                    response["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
                }
                else
                {
                    response["result"] = reply.Result ?? new JsonObject();
                }

                try
                {
                    await _writeLine(response.ToJsonString(), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The peer is gone; its exit is reported by the process watcher.
                }
            }
            else if (hasId)
            {
                Complete(root, idElement);
            }
        }
    }

    private void Complete(JsonElement root, JsonElement idElement)
    {
        if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var id))
        {
            return; // non-integer ids are dropped (§4.1)
        }

        TaskCompletionSource<JsonElement>? call;
        lock (_gate)
        {
            if (!_pending.Remove(id, out call))
            {
                return;
            }
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : 0;
            call.TrySetException(new JsonRpcErrorException(code, error.Str("message") ?? string.Empty));
        }
        else
        {
            call.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
    }

    private JsonObject NewMessage() => _includeVersionMember ? new JsonObject { ["jsonrpc"] = "2.0" } : [];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"JsonRpcPeer(pending={PendingCount})");
}
