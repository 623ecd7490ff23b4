namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>Session-id aliases the app accepts on ephemerals (§4 compat).</summary>
public static class EphemeralSessionIds
{
    /// <summary>The session an ephemeral is about, whichever alias carried it; null when it names none.</summary>
    public static string? SessionOf(Ephemeral ephemeral) => ephemeral switch
    {
        ActivityEphemeral a => a.Id.Value,
        UsageEphemeral u => u.Id.Value,
        PermissionRequestEphemeral p => p.Id.Value,
        UiEventEphemeral e => e.SessionIdAnyAlias,
        _ => null,
    };
}
