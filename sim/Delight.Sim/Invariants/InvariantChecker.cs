using Delight.Sim.Recording;
using Microsoft.Coyote.Specifications;

namespace Delight.Sim.Invariants;

/// <summary>
/// Where every safety check lands. A violation is logged, remembered, and raised through Coyote's
/// <see cref="Specification.Assert(bool, string, object[])"/>, which stops the iteration as a bug. The message carries
/// the tag <c>[invariant:NAME]</c> that the explorer reads back.
/// </summary>
public sealed class InvariantChecker
{
    private readonly SimLog _log;
    private readonly object _gate = new();
    private string? _firstViolation;

    public InvariantChecker(SimLog log) => _log = log;

    public string? FirstViolation
    {
        get
        {
            lock (_gate)
            {
                return _firstViolation;
            }
        }
    }

    public static string Tag(string invariant) => $"[invariant:{invariant}]";

    public void Check(bool condition, string invariant, string detail)
    {
        if (condition)
        {
            return;
        }

        Fail(invariant, detail);
    }

    public void Fail(string invariant, string detail)
    {
        lock (_gate)
        {
            _firstViolation ??= invariant;
        }

        _log.Add("check", "VIOLATION", $"{invariant}: {detail}");
        Specification.Assert(false, "{0} {1}", Tag(invariant), detail);
    }
}
