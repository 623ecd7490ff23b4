using System.Text;

namespace Delight.Sim.Network;

/// <summary>
/// Reads HTTP bodies synchronously. HttpContent's async reads run inside the (non-rewritten) BCL, outside Coyote's
/// control, which makes runs nondeterministic; the simulated bodies are in-memory strings anyway.
/// </summary>
public static class HttpBodies
{
    public static string Read(HttpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = content.ReadAsStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
