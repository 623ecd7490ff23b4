namespace Delight.Agents.Common;

/// <summary>Ids an engine mints: CUIDs for record uuids, localIds and turn ids (ENGINES.md §0), and UUID v4s.
/// Injected so tests and the simulation get deterministic ids.</summary>
public interface IAgentIdSource
{
    /// <summary><c>"c"</c> followed by decimal Unix nanoseconds.</summary>
    string NextCuid();

    /// <summary>A lowercase hyphenated UUID v4.</summary>
    string NewUuid();
}
