namespace Delight.Protocol.Wire.Records;

/// <summary>The value sets of <c>ui.event</c> (§4).</summary>
public static class UiEventValues
{
    public const string KindThinking = "thinking";
    public const string KindTool = "tool";
    public const string KindReasoning = "reasoning";
    public const string PhaseStart = "start";
    public const string PhaseUpdate = "update";
    public const string PhaseEnd = "end";
    public const string StatusRunning = "running";
    public const string StatusOk = "ok";
    public const string StatusError = "error";
    public const string StatusCanceled = "canceled";
}
