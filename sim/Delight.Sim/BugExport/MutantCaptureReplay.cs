using Delight.Runtime.Capture;
using Delight.Runtime.Mutants;
using Delight.Sim.Replay;

namespace Delight.Sim.BugExport;

/// <summary>
/// Replays a capture with a seeded mutant armed, for the capture exported from a mutant's bug: it records the
/// mutant's behaviour, so it replays without divergence only when the same mutant is armed (and diverges against the
/// healthy runtime). The sim assemblies are the only ones allowed to arm a mutant.
/// </summary>
public static class MutantCaptureReplay
{
    public static ReplayReport Replay(CaptureFile capture, string name, Mutant mutant)
    {
        ArgumentNullException.ThrowIfNull(capture);
        using var armed = mutant == Mutant.None ? null : MutantSwitches.Arm(mutant);
        return CaptureReplayer.Replay(capture, name);
    }
}
