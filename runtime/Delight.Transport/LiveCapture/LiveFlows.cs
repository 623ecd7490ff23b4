using Delight.Runtime.Agents;

namespace Delight.Transport.LiveCapture;

/// <summary>The live flows `delight-sim capture record` can drive. Each starts with the CLI in local mode (the
/// desktop), has the phone take control, and ends, after the session is quiet, with the CLI shutting down.</summary>
public static class LiveFlows
{
    public const string FirstQuickMessage = "first: list the files in the work folder";
    public const string SecondQuickMessage = "second: then count them";
    public const string SwitchMessage = "summarize the last commit";
    public const string PermissionMessage = "tidy the notes file";

    public static IReadOnlyList<LiveFlow> All { get; } =
    [
        new("live-two-quick-phone-messages",
            "The phone takes control and sends two messages back to back; the fake engine answers each, and both answers reach the phone.",
            TwoQuickMessages),
        new("live-mode-switch-and-shutdown",
            "The phone takes control, sends a message and gets the answer, hands control back to the desktop, takes it again, and the CLI shuts down.",
            ModeSwitchAndShutdown),
        new("live-permission-round-trip",
            "The phone takes control and sends a message; the engine's host asks for two permissions (as an engine would): the phone approves the first and denies the second.",
            PermissionRoundTrip),
    ];

    public static LiveFlow? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    private static async Task TwoQuickMessages(LiveFlowContext flow)
    {
        await flow.StartLocalAsync();
        await flow.PhoneSwitchesAsync(AgentMode.Remote);
        await flow.PhoneSendsAsync(FirstQuickMessage);
        await flow.PhoneSendsAsync(SecondQuickMessage);
        await flow.WaitForAgentRecordsAtPhoneAsync(2);
    }

    private static async Task ModeSwitchAndShutdown(LiveFlowContext flow)
    {
        await flow.StartLocalAsync();
        await flow.PhoneSwitchesAsync(AgentMode.Remote);
        await flow.PhoneSendsAsync(SwitchMessage);
        await flow.WaitForAgentRecordsAtPhoneAsync(1);
        await flow.PhoneSwitchesAsync(AgentMode.Local);
        await flow.PhoneSwitchesAsync(AgentMode.Remote);
    }

    private static async Task PermissionRoundTrip(LiveFlowContext flow)
    {
        await flow.StartLocalAsync();
        await flow.PhoneSwitchesAsync(AgentMode.Remote);
        await flow.PhoneSendsAsync(PermissionMessage);
        await flow.WaitForAgentRecordsAtPhoneAsync(1);
        await flow.PermissionRoundTripAsync("live-perm-1", "Edit", """{"file_path":"/work/notes.txt"}""", allow: true, message: string.Empty);
        await flow.PermissionRoundTripAsync("live-perm-2", "Bash", """{"command":"rm notes.txt"}""", allow: false, message: "not that one");
    }
}
