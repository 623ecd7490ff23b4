namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// What a turn does. Phone texts (<c>p{sender}-{n}</c>) are <see cref="Plain"/> and every fault is drawn from the
/// seed; texts in the stub agents' vocabulary force a behaviour, so conformance tests drive a real engine (with its
/// stub) and its twin through the same script: <c>ask …</c>/<c>ping</c> ask a permission, <c>hang</c>/<c>forever</c> run
/// until aborted, <c>crash</c> dies mid-turn, <c>late …</c> starts its turn only after the send gave up (Codex), then
/// runs until aborted.
/// </summary>
public enum TwinDirective
{
    Plain,
    Ask,
    Hang,
    Crash,
    LateStart,
}

/// <summary>Reads a <see cref="TwinDirective"/> from a message text.</summary>
public static class TwinDirectives
{
    public static TwinDirective Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.Trim().Split(' ', 2)[0];
        return first switch
        {
            "ask" or "ping" => TwinDirective.Ask,
            "hang" or "forever" => TwinDirective.Hang,
            "crash" => TwinDirective.Crash,
            "late" => TwinDirective.LateStart,
            _ => TwinDirective.Plain,
        };
    }
}
