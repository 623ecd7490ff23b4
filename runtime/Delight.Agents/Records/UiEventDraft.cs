namespace Delight.Agents.Records;

/// <summary>One UI event derived from agent output, before it is stamped with generation, mode and time.</summary>
internal sealed record UiEventDraft(string EventId, string Kind, string Phase, string Status, string Brief, string Full);
