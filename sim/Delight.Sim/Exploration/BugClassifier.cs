using System.Text.RegularExpressions;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;

namespace Delight.Sim.Exploration;

/// <summary>Names the invariant a Coyote bug report is about.</summary>
public static partial class BugClassifier
{
    public static string Classify(string message)
    {
        var tag = InvariantTag().Match(message);
        if (tag.Success)
        {
            return tag.Groups[1].Value;
        }

        if (message.Contains(nameof(MessageSettledMonitor), StringComparison.Ordinal))
        {
            return MessageSettledMonitor.InvariantName;
        }

        if (message.Contains(nameof(PermissionResolvedMonitor), StringComparison.Ordinal))
        {
            return PermissionResolvedMonitor.InvariantName;
        }

        if (message.Contains(nameof(SwitchRepliedMonitor), StringComparison.Ordinal))
        {
            return SwitchRepliedMonitor.InvariantName;
        }

        if (message.Contains("eadlock", StringComparison.Ordinal))
        {
            // Every queue of the SDK, the runtimes and the fakes is controlled, so a hang is a deadlock somewhere in them.
            return InvariantNames.SdkNeverDeadlocks;
        }

        return InvariantNames.UnhandledException;
    }

    [GeneratedRegex(@"\[invariant:([a-z0-9\-]+)\]")]
    private static partial Regex InvariantTag();
}
