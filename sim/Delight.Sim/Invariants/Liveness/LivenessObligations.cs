using Delight.Sim.Recording;
using Microsoft.Coyote.Specifications;
using Monitor = Microsoft.Coyote.Specifications.Monitor;

namespace Delight.Sim.Invariants.Liveness;

/// <summary>Registers the liveness monitors for an iteration and forwards obligations to them (and to the log).</summary>
public sealed class LivenessObligations
{
    private readonly SimLog _log;

    public LivenessObligations(SimLog log) => _log = log;

    /// <summary>Registers the monitors with the current Coyote runtime; call once per iteration.</summary>
    public static void Register()
    {
        Specification.RegisterMonitor<MessageSettledMonitor>();
        Specification.RegisterMonitor<PermissionResolvedMonitor>();
        Specification.RegisterMonitor<SwitchRepliedMonitor>();
    }

    public void Open<TMonitor>(string key)
        where TMonitor : Monitor
    {
        _log.Add("monitor", "owed", $"{typeof(TMonitor).Name}:{key}");
        Specification.Monitor<TMonitor>(new ObligationOpened(key));
    }

    public void Close<TMonitor>(string key)
        where TMonitor : Monitor
    {
        _log.Add("monitor", "met", $"{typeof(TMonitor).Name}:{key}");
        Specification.Monitor<TMonitor>(new ObligationClosed(key));
    }
}
