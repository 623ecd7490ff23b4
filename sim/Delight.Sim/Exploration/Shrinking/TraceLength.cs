using System.Text.Json.Nodes;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>The length of a Coyote reproducible trace: its steps (every scheduling decision and every value drawn).</summary>
public static class TraceLength
{
    public static int Of(JsonNode? trace) => trace is JsonObject o && o["Steps"] is JsonArray steps ? steps.Count : 0;

    public static int Of(string trace) => Of(JsonNode.Parse(trace));
}
