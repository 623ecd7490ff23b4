namespace Delight.Sim.Fakes;

/// <summary>What a switch caller (phone or desktop) was answered: the mode, or an error.</summary>
public sealed record SwitchResult(string Mode, string? Error);
