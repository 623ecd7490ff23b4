using System.Text;
using System.Text.Json;
using Delight.Runtime.Agents;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Session;

/// <summary>
/// The session socket's inbound edge: lifecycle → <see cref="SocketConnected"/>/<see cref="SocketDisconnected"/>;
/// <c>update</c>/<c>new-message</c> → decrypt → user text record → <see cref="InboundUserMessage"/>; <c>rpc-request</c>
/// for <c>&lt;sid&gt;:switch|abort|permission|agent-config|agent-capabilities</c> → an event with a reply id, answered
/// through the ack from the reply (PROTOCOL.md §5). Events are posted in socket order; the RPC answers are awaited on
/// their own tasks so a long switch never blocks the socket's event processing.
/// </summary>
public sealed class SessionSocketHandler : ISocketHandler
{
    private readonly SessionRuntime _runtime;
    private readonly SessionEffects _effects;
    private readonly TaskTracker _answers;

    internal SessionSocketHandler(SessionRuntime runtime, SessionEffects effects)
    {
        _runtime = runtime;
        _effects = effects;
        _answers = new TaskTracker(_ => { });
    }

    private string SessionId => _runtime.Settings.SessionId;

    public async Task OnConnectedAsync() => await _effects.PostSafeAsync(new SocketConnected(_runtime.NowMs())).ConfigureAwait(false);

    public async Task OnDisconnectedAsync(string reason) => await _effects.PostSafeAsync(new SocketDisconnected(reason, _runtime.NowMs())).ConfigureAwait(false);

    public Task OnAuthErrorAsync(string message) => Task.CompletedTask;

    public async Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack)
    {
        switch (eventName)
        {
            case SessionWire.UpdateEvent:
                await OnUpdateAsync(payloadJson).ConfigureAwait(false);
                break;
            case SessionWire.RpcRequestEvent when ack is not null:
                await OnRpcRequestAsync(payloadJson, ack).ConfigureAwait(false);
                break;
        }
    }

    private async Task OnUpdateAsync(string payloadJson)
    {
        if (SessionWire.TryParseMetadataUpdate(payloadJson, SessionId, out var metadataCipher, out var version))
        {
            if (_effects.Cipher.TryDecryptFromBase64(metadataCipher, out var metadata, out _))
            {
                await _effects.PostSafeAsync(new SessionMetadataUpdated(Encoding.UTF8.GetString(metadata), version, _runtime.NowMs())).ConfigureAwait(false);
            }

            return;
        }

        if (!SessionWire.TryParseNewMessage(payloadJson, SessionId, out var cipher, out var localId, out var messageId, out var seq)
            || !_effects.Cipher.TryDecryptFromBase64(cipher, out var plaintext, out _)
            || !SessionWire.TryParseUserText(plaintext, out var text, out var meta))
        {
            return; // not a phone text for this session (agent records, undecryptable, other sessions)
        }

        await _effects.PostSafeAsync(new InboundUserMessage(text, meta, localId ?? messageId ?? "", _runtime.NowMs(), seq)).ConfigureAwait(false);
    }

    private async Task OnRpcRequestAsync(string payloadJson, Func<string, Task> ack)
    {
        if (!SessionWire.TryParseRpcRequest(payloadJson, out var method, out var rawParams))
        {
            await ack(ErrorResult("invalid rpc request")).ConfigureAwait(false);
            return;
        }

        // §5.2: encrypted params (or none) get an encrypted result; plaintext JSON params get a plaintext result.
        string paramsJson;
        bool encrypted;
        if (string.IsNullOrEmpty(rawParams))
        {
            (paramsJson, encrypted) = ("{}", true);
        }
        else if (_effects.Cipher.TryDecryptFromBase64(rawParams, out var plain, out _))
        {
            (paramsJson, encrypted) = (Encoding.UTF8.GetString(plain), true);
        }
        else if (IsJson(rawParams))
        {
            (paramsJson, encrypted) = (rawParams, false);
        }
        else
        {
            await ack(ErrorResult("decryption failed")).ConfigureAwait(false);
            return;
        }

        var prefix = SessionId + ":";
        var name = method.StartsWith(prefix, StringComparison.Ordinal) ? method[prefix.Length..] : "";
        Task<string> result;
        try
        {
            result = name switch
            {
                "switch" => await SwitchAsync(paramsJson).ConfigureAwait(false),
                "abort" => Map(await _runtime.BeginAsync(id => new AbortRequested(id, _runtime.NowMs())).ConfigureAwait(false), _ => SuccessResult()),
                "permission" => await PermissionAsync(paramsJson).ConfigureAwait(false),
                "agent-config" => await AgentConfigAsync(paramsJson).ConfigureAwait(false),
                "agent-capabilities" => Map(await _runtime.BeginAsync(id => new AgentSettingsRequested(id)).ConfigureAwait(false), SettingsResult),
                _ => Task.FromResult(ErrorResult($"unknown method: {method}")),
            };
        }
        catch (JsonException)
        {
            result = Task.FromResult(ErrorResult("invalid params"));
        }

        _answers.Run(async () =>
        {
            var json = await result.ConfigureAwait(false);
            await ack(encrypted ? JsonSerializer.Serialize(_effects.Cipher.EncryptToBase64(Encoding.UTF8.GetBytes(json))) : json).ConfigureAwait(false);
        });
    }

    private async Task<Task<string>> SwitchAsync(string paramsJson)
    {
        using var doc = JsonDocument.Parse(paramsJson);
        var mode = SessionWire.Str(doc.RootElement, "mode");
        AgentMode? target = mode switch { "local" => AgentMode.Local, "remote" => AgentMode.Remote, _ => null };
        if (target is not { } t)
        {
            return Task.FromResult(ErrorResult($"unknown mode: {mode}"));
        }

        var reply = await _runtime.BeginAsync(id => new SwitchModeRequested(t, id, _runtime.NowMs())).ConfigureAwait(false);
        return Map(reply, o => SessionWire.Write(w => w.WriteString("mode", ((ReplyMode)o).Mode == AgentMode.Remote ? "remote" : "local")));
    }

    private async Task<Task<string>> PermissionAsync(string paramsJson)
    {
        using var doc = JsonDocument.Parse(paramsJson);
        var root = doc.RootElement;
        var requestId = SessionWire.Str(root, "requestId") ?? "";
        var allow = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("allow", out var a) && a.ValueKind == JsonValueKind.True;
        var message = SessionWire.Str(root, "message");
        var reply = await _runtime.BeginAsync(id => new PermissionDecided(requestId, allow, message, id, _runtime.NowMs())).ConfigureAwait(false);
        return Map(reply, _ => SuccessResult());
    }

    private async Task<Task<string>> AgentConfigAsync(string paramsJson)
    {
        using var doc = JsonDocument.Parse(paramsJson);
        var root = doc.RootElement;
        var model = SessionWire.Str(root, "model");
        var mode = SessionWire.Str(root, "permissionMode");
        var effort = SessionWire.Str(root, "reasoningEffort");
        var reply = await _runtime.BeginAsync(id => new AgentConfigRequested(model, mode, effort, id, _runtime.NowMs())).ConfigureAwait(false);
        return AgentConfigResultAsync(reply);
    }

    private static async Task<string> AgentConfigResultAsync(Task<ReplyOutcome> reply) =>
        await reply.ConfigureAwait(false) switch
            {
                ReplyAgentState s => SessionWire.Write(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WriteString("agentState", s.AgentStateJson);
                    w.WriteNumber("agentStateVersion", s.Version);
                }),
                ReplyError { Code: ReplyErrorCode.PersistFailed } e => SessionWire.Write(w =>
                {
                    w.WriteBoolean("success", false);
                    w.WriteString("error", e.Message);
                }),
                ReplyError e => ErrorResult(e.Message),
                _ => SuccessResult(),
            };

    private static string SettingsResult(ReplyOutcome outcome)
    {
        var s = (ReplyAgentSettings)outcome;
        return SessionWire.Write(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("agentType", s.AgentType);
            w.WriteStartObject("capabilities");
            WriteList(w, "models", s.Capabilities?.Models);
            WriteList(w, "permissionModes", s.Capabilities?.PermissionModes);
            WriteList(w, "reasoningEfforts", s.Capabilities?.ReasoningEfforts);
            w.WriteEndObject();
            WriteConfig(w, "desiredConfig", s.Desired);
            WriteConfig(w, "effectiveConfig", s.Effective ?? AgentConfig.Empty);
        });
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteConfig(Utf8JsonWriter w, string name, AgentConfig config)
    {
        w.WriteStartObject(name);
        if (!string.IsNullOrEmpty(config.Model))
        {
            w.WriteString("model", config.Model);
        }

        if (!string.IsNullOrEmpty(config.ReasoningEffort))
        {
            w.WriteString("reasoningEffort", config.ReasoningEffort);
        }

        if (!string.IsNullOrEmpty(config.PermissionMode))
        {
            w.WriteString("permissionMode", config.PermissionMode);
        }

        w.WriteEndObject();
    }

    /// <summary>Maps a reply to the RPC result: errors become <c>{"error": message}</c> (the caller sees them).</summary>
    private static async Task<string> Map(Task<ReplyOutcome> reply, Func<ReplyOutcome, string> onSuccess)
    {
        var outcome = await reply.ConfigureAwait(false);
        return outcome is ReplyError e ? ErrorResult(e.Message) : onSuccess(outcome);
    }

    private static string SuccessResult() => SessionWire.Write(w => w.WriteBoolean("success", true));

    private static string ErrorResult(string message) => SessionWire.Write(w => w.WriteString("error", message));

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal Task DrainAsync() => _answers.DrainAsync();
}
