using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Runtime.Agents;
using Delight.Runtime.Sdk;
using Delight.Runtime.Session;

namespace Delight.Transport.LiveCapture;

/// <summary>What a flow drives: the phone's SDK client and, on the CLI side, the running session (for what the
/// desktop or the engine would do there). Every wait is bounded by the step timeout and fails with a
/// <see cref="LiveCaptureException"/> naming what did not happen.</summary>
public sealed class LiveFlowContext
{
    private readonly LivePhone _phone;

    internal LiveFlowContext(string sessionId, LivePhone phone, SessionRuntime runtime, TimeSpan stepTimeout, CancellationToken cancellationToken)
    {
        SessionId = sessionId;
        _phone = phone;
        Runtime = runtime;
        StepTimeout = stepTimeout;
        CancellationToken = cancellationToken;
    }

    public string SessionId { get; }

    public DelightClient Phone => _phone.Client;

    public SessionRuntime Runtime { get; }

    public TimeSpan StepTimeout { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Agent records the phone has applied for this session.</summary>
    public int AgentRecordsAtPhone => _phone.AgentRecordsApplied(SessionId);

    public int PhoneEphemerals(string type) => _phone.EphemeralsOfType(type);

    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = TimeProvider.System.GetUtcNow() + StepTimeout;
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new LiveCaptureException($"timed out after {StepTimeout.TotalSeconds:0.#} s waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), CancellationToken);
        }
    }

    /// <summary>The desktop starts the session in local mode, as `delight` does in a terminal.</summary>
    public async Task StartLocalAsync()
    {
        var reply = await Runtime.SwitchModeAsync(AgentMode.Local, CancellationToken).WaitAsync(StepTimeout, CancellationToken);
        if (reply is not ReplyMode { Mode: AgentMode.Local })
        {
            throw new LiveCaptureException($"the CLI could not start in local mode: {reply}");
        }
    }

    /// <summary>The phone switches the session's mode over the relay (the switch RPC) and the CLI confirms it.</summary>
    public async Task PhoneSwitchesAsync(AgentMode mode)
    {
        var wire = mode == AgentMode.Remote ? "remote" : "local";
        var outcome = await Phone.SwitchModeAsync(SessionId, wire).WaitAsync(StepTimeout, CancellationToken);
        if (!outcome.Ok || ModeOf(outcome.ResultJson) != wire)
        {
            throw new LiveCaptureException($"the phone's switch to {wire} failed: {outcome.Error ?? outcome.ResultJson}");
        }

        await WaitUntilAsync(() => Runtime.State is { Mode: var m, PendingSwitches.IsEmpty: true } && m == mode, $"the CLI to settle in {wire} mode");
    }

    /// <summary>The phone sends a user message (bypassing the busy gate: the point is to send them back to back).</summary>
    public async Task PhoneSendsAsync(string text)
    {
        var sent = await Phone.SendMessageAsync(SessionId, text, bypassGate: true).WaitAsync(StepTimeout, CancellationToken);
        if (!sent.Sent)
        {
            throw new LiveCaptureException($"the phone could not send a message: {sent.Refusal}");
        }
    }

    public Task WaitForAgentRecordsAtPhoneAsync(int count) =>
        WaitUntilAsync(() => AgentRecordsAtPhone >= count, $"{count} agent record(s) to reach the phone");

    /// <summary>Asks the phone for a permission through the engine's host, exactly as an engine asks (the fake
    /// engine never asks on its own), waits for the prompt to reach the phone, answers it from the phone and
    /// returns what the engine was told.</summary>
    public async Task<PermissionDecision> PermissionRoundTripAsync(string requestId, string toolName, string inputJson, bool allow, string message)
    {
        var state = Runtime.State;
        if (state.Mode != AgentMode.Remote)
        {
            throw new LiveCaptureException("a permission round trip needs the session in remote mode");
        }

        var promptsBefore = PhoneEphemerals("permission-request");
        var decision = Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(state.RunnerGen, requestId, toolName, inputJson), CancellationToken);
        await WaitUntilAsync(() => PhoneEphemerals("permission-request") > promptsBefore, "the permission prompt to reach the phone");
        var answer = await Phone.AnswerPermissionAsync(SessionId, requestId, allow, message).WaitAsync(StepTimeout, CancellationToken);
        if (!answer.Ok)
        {
            throw new LiveCaptureException($"the phone's permission answer failed: {answer.Error}");
        }

        var result = await decision.WaitAsync(StepTimeout, CancellationToken);
        if (result.Allow != allow)
        {
            throw new LiveCaptureException($"the engine was told allow={result.Allow}, the phone answered allow={allow}");
        }

        return result;
    }

    private static string? ModeOf(string? json)
    {
        try
        {
            return json is not null && JsonNode.Parse(json) is JsonObject o && o["mode"] is JsonValue v && v.TryGetValue<string>(out var mode) ? mode : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
