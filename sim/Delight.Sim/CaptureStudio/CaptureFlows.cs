using Delight.Runtime.Agents;
using Delight.Runtime.Capture;
using Delight.Runtime.Session;

namespace Delight.Sim.CaptureStudio;

/// <summary>The flows behind the captures committed under captures/ (`delight-sim capture record-flow`).</summary>
public static class CaptureFlows
{
    /// <summary>Realistic-looking ids and paths; the recorder sanitizes them on write.</summary>
    public static CaptureInitialState Initial() => new(
        SessionSettings.Create("cmb3q9session7f2a", "claude", "/home/dev/projects/billing"),
        AgentStateDoc.Create("claude"),
        3);

    public static IReadOnlyList<CaptureFlow> All { get; } =
    [
        new("phone-conversation-with-tool-output",
            "The phone takes control and sends a message; the agent runs a tool (tool use and result records) and answers.",
            Conversation),
        new("permissions-approved-denied-timed-out",
            "Three turns each ask for a permission: the phone approves the first, denies the second and never answers the third, which times out and is withdrawn.",
            Permissions),
        new("local-remote-local-switching",
            "Starts local; a phone message hands off to remote; the desktop takes back control; the phone takes control again; the desktop takes it back.",
            Switching),
        new("reconnect-mid-turn-version-mismatch",
            "The socket drops mid-turn; a persist fails offline; on reconnect the relay's version moved on, so the persist gets version-mismatch and is retried.",
            ReconnectMidTurn),
        new("shutdown-during-permission-wait",
            "The CLI shuts down while a permission prompt waits for the phone: the prompt is withdrawn, nothing restarts.",
            ShutdownDuringPermission),
        new("two-quick-phone-messages",
            "Two phone messages sent back to back: delivered to the agent once each, in order.",
            TwoQuickMessages),
    ];

    public static CaptureFlow? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    private static void TakeControl(ScriptedWorld world)
    {
        world.At(0, new SocketConnected(0));
        world.At(100, new SwitchModeRequested(AgentMode.Remote, 1, 100));
        world.Run(1_000);
    }

    private static void End(ScriptedWorld world, long atMs, long replyId)
    {
        world.At(atMs, new Shutdown(replyId, atMs));
        world.Run(atMs + 60_000);
    }

    private static void Conversation(ScriptedWorld world)
    {
        TakeControl(world);
        world.At(2_000, new InboundUserMessage("refactor the billing module and keep the tax rules", null, "phone-msg-1", 2_000));
        world.Run(30_000);
        End(world, 31_000, 2);
    }

    private static void Permissions(ScriptedWorld world)
    {
        world.PermissionPolicy = _ => ("Bash", """{"command":"rm -rf build/"}""");
        world.PhonePolicy = requestId => requestId switch
        {
            "toolu_0001" => true,
            "toolu_0002" => false,
            _ => null, // the third prompt is never answered
        };
        TakeControl(world);
        world.At(2_000, new InboundUserMessage("clean the build folder", null, "phone-msg-1", 2_000));
        world.Run(20_000);
        world.At(20_000, new InboundUserMessage("clean it again", null, "phone-msg-2", 20_000));
        world.Run(40_000);
        world.At(40_000, new InboundUserMessage("and once more", null, "phone-msg-3", 40_000));
        world.Run(400_000); // past the 5-minute prompt timeout
        End(world, 401_000, 2);
    }

    private static void Switching(ScriptedWorld world)
    {
        world.At(0, new SocketConnected(0));
        world.At(100, new SwitchModeRequested(AgentMode.Local, 1, 100));
        world.Run(1_000);
        world.At(3_000, new InboundUserMessage("run the tests from my phone", null, "phone-msg-1", 3_000));
        world.Run(15_000);
        world.At(20_000, new DesktopTakeback(20_000));
        world.Run(25_000);
        world.At(30_000, new SwitchModeRequested(AgentMode.Remote, 2, 30_000));
        world.Run(35_000);
        world.At(40_000, new DesktopTakeback(40_000));
        world.Run(45_000);
        End(world, 50_000, 3);
    }

    private static void ReconnectMidTurn(ScriptedWorld world)
    {
        TakeControl(world);
        world.At(2_000, new InboundUserMessage("upgrade the dependencies", null, "phone-msg-1", 2_000));
        world.Run(2_015); // the turn has started
        world.SocketUp = false;
        world.Step(new SocketDisconnected("transport close", 2_015));
        world.At(2_030, new EngineSessionIdentified(1, AgentMode.Remote, "claude-resume-4471", 2_030));
        world.Run(9_000); // the debounced persist fails while offline
        world.ServerVersion += 1; // meanwhile another writer moved the relay's agent state on
        world.SocketUp = true;
        world.Step(new SocketConnected(9_000));
        world.Run(20_000); // re-persist on reconnect: version-mismatch, then the retry succeeds
        End(world, 21_000, 2);
    }

    private static void ShutdownDuringPermission(ScriptedWorld world)
    {
        world.PermissionPolicy = _ => ("Edit", """{"file_path":"/home/dev/projects/billing/tax.cs"}""");
        world.PhonePolicy = _ => null;
        TakeControl(world);
        world.At(2_000, new InboundUserMessage("fix the rounding in tax.cs", null, "phone-msg-1", 2_000));
        world.Run(5_000); // the prompt is up and nobody answers
        End(world, 10_000, 2);
    }

    private static void TwoQuickMessages(ScriptedWorld world)
    {
        TakeControl(world);
        world.At(2_000, new InboundUserMessage("first: add a test for refunds", null, "phone-msg-1", 2_000));
        world.At(2_001, new InboundUserMessage("second: then run it", null, "phone-msg-2", 2_001));
        world.Run(30_000);
        End(world, 31_000, 2);
    }
}
