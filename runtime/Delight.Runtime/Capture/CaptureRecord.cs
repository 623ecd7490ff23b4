using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>
/// One line after the header: an input (<see cref="Event"/> set) or an output (<see cref="Command"/> set).
/// </summary>
/// <param name="Index">1-based position in the capture; strictly increasing.</param>
/// <param name="AtMs">Virtual time in ms since the header's clock origin; never decreasing.</param>
/// <param name="Dir">Input (event) or output (command).</param>
/// <param name="Source">Who produced it (caller, socket:session, engine:remote:3, timer:persist, effects:persist,
/// reducer); records of one source keep their order in every replay.</param>
/// <param name="Correlation">Ties a command to the event that answers it (reply:4, persist:2, timer:7, runner:3,
/// decision:1); null when nothing answers.</param>
/// <param name="Event">The input, with the runtime's own event type (inputs only).</param>
/// <param name="Command">The output, with the runtime's own command type (outputs only).</param>
/// <param name="State">Optional, inputs only: the state's essentials after the input was reduced.</param>
public sealed record CaptureRecord(
    long Index,
    long AtMs,
    CaptureDirection Dir,
    string Source,
    string? Correlation,
    SessionEvent? Event = null,
    SessionCommand? Command = null,
    StateDigest? State = null);
