using Delight.Runtime.Capture;

namespace Delight.Sim.CaptureStudio;

/// <summary>One recordable flow: a name (the capture's file name), what it covers, and how to drive the world.</summary>
public sealed record CaptureFlow(string Name, string Covers, Action<ScriptedWorld> Drive)
{
    /// <summary>Records the flow in a fresh scripted world and returns the recorder (write it sanitized with WriteTo).</summary>
    public CaptureRecorder Record()
    {
        var world = new ScriptedWorld(CaptureFlows.Initial(), $"capture-studio-{Name}");
        Drive(world);
        return world.Recorder;
    }
}
