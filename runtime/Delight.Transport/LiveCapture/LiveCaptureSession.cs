using System.Collections.Immutable;
using System.Text;
using Delight.Runtime.Session;
using Delight.Transport.Http;

namespace Delight.Transport.LiveCapture;

/// <summary>
/// Records one live session against a relay (issue 7): our real CLI-side runtime with the chosen engine and a
/// <see cref="Runtime.Capture.CaptureRecorder"/>, driven from the relay's side by our SDK as the phone would; after
/// the flow the session is left to go quiet, shut down gracefully and stopped. The result writes the capture
/// sanitized. Failures of the relay or of a flow step surface as one-line <see cref="LiveCaptureException"/>s.
/// </summary>
public static class LiveCaptureSession
{
    private const string CapabilitiesMethod = ":agent-capabilities";

    public static async Task<LiveCaptureResult> RecordAsync(LiveCaptureOptions options, ReadOnlyMemory<byte> masterSecret, LiveFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flow);
        if (masterSecret.Length != MasterSecretFile.SecretLength)
        {
            throw new ArgumentException("the master secret must be 32 bytes", nameof(masterSecret));
        }

        var secret = masterSecret.ToArray();
        var producer = Producer(options.AgentType, flow.Name);
        using var http = new HttpClient { Timeout = options.StepTimeout };
        LiveCli? cli = null;
        LivePhone? phone = null;
        try
        {
            cli = await LiveCli.StartAsync(options, http, secret, producer, cancellationToken).WaitAsync(options.StepTimeout * 3, cancellationToken);
            phone = await LivePhone.ConnectAsync(options, secret).WaitAsync(options.StepTimeout * 2, cancellationToken);
            var context = new LiveFlowContext(cli.SessionId, phone, cli.Runtime, options.StepTimeout, cancellationToken);
            await WaitForCliMethodsAsync(context);
            await flow.Drive(context);
            await WaitQuietAsync(cli, options, idle: true, "the session to go quiet after the flow", cancellationToken);

            // The desktop ends the session: graceful shutdown (runners stopped, Closed), then the runtime stops.
            var shutdown = await cli.Runtime.ShutdownAsync(cancellationToken).WaitAsync(options.StepTimeout, cancellationToken);
            if (shutdown is ReplyError error)
            {
                throw new LiveCaptureException($"the CLI's shutdown failed: {error.Code} {error.Message}");
            }

            await cli.Runtime.Ended.WaitAsync(options.StepTimeout, cancellationToken);
            await WaitQuietAsync(cli, options, idle: false, "the session to go quiet after the shutdown", cancellationToken);
            var secrets = ImmutableArray.Create(cli.Http.CurrentToken ?? string.Empty, phone.Token ?? string.Empty);
            var result = new LiveCaptureResult(flow.Name, cli.SessionId, cli.Recorder, secrets, [cli.DataKey]);
            await phone.DisposeAsync();
            phone = null;
            await cli.DisposeAsync();
            cli = null;
            return result;
        }
        catch (RelayHttpException e) when (e.Kind == RelayHttpErrorKind.Unreachable)
        {
            throw new LiveCaptureException($"cannot reach the relay at {options.Server}: {OneLine(e)}", e);
        }
        catch (RelayHttpException e)
        {
            throw new LiveCaptureException($"the relay at {options.Server} refused a request: {OneLine(e)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new LiveCaptureException($"cannot reach the relay at {options.Server}: {OneLine(e)}", e);
        }
        catch (TimeoutException e)
        {
            throw new LiveCaptureException($"the relay at {options.Server} did not answer in time ({OneLine(e)})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LiveCaptureException($"the relay at {options.Server} did not answer in time", e);
        }
        finally
        {
            if (phone is not null)
            {
                await phone.DisposeAsync();
            }

            if (cli is not null)
            {
                await cli.DisposeAsync();
            }
        }
    }

    /// <summary>The phone's switch RPC only reaches the CLI once its session socket registered its methods.</summary>
    private static async Task WaitForCliMethodsAsync(LiveFlowContext context)
    {
        var deadline = TimeProvider.System.GetUtcNow() + context.StepTimeout;
        while (true)
        {
            var probe = await context.Phone.CallRpcAsync(context.SessionId + CapabilitiesMethod, "{}").WaitAsync(context.StepTimeout, context.CancellationToken);
            if (probe.Ok)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new LiveCaptureException($"the CLI's RPC methods never became reachable through the relay: {probe.Error}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken);
        }
    }

    /// <summary>Quiet: no new record for a whole <see cref="LiveCaptureOptions.QuietPeriod"/> and, when
    /// <paramref name="idle"/>, nothing in flight (no turn, no persist, no switch, no buffered message).</summary>
    private static async Task WaitQuietAsync(LiveCli cli, LiveCaptureOptions options, bool idle, string what, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + options.StepTimeout;
        var seen = -1;
        while (true)
        {
            var count = cli.Recorder.Count;
            if (count == seen && (!idle || IsIdle(cli.Runtime.State)))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new LiveCaptureException($"timed out after {options.StepTimeout.TotalSeconds:0.#} s waiting for {what}");
            }

            seen = count;
            await Task.Delay(options.QuietPeriod, cancellationToken);
        }
    }

    private static bool IsIdle(SessionState state) =>
        !state.Working
        && state.Persist is { InFlightSeq: null, DebounceArmed: false, Dirty: false }
        && state.PendingSwitches.IsEmpty
        && state.BufferedMessages.IsEmpty
        && state.PendingPermissions.IsEmpty;

    /// <summary>The header's provenance, short and plain enough to pass sanitizing as vocabulary (at most 40
    /// characters, no spaces): <c>live-ENGINE/FLOW</c>, for example <c>live-fake/two-quick-phone-messages</c>. The
    /// relay's address is not recorded (a URL is user data).</summary>
    public static string Producer(string agentType, string flowName) =>
        $"live-{agentType}/{(flowName.StartsWith("live-", StringComparison.Ordinal) ? flowName[5..] : flowName)}";

    private static string OneLine(Exception e)
    {
        var text = new StringBuilder(e.Message);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(": ").Append(inner.Message);
        }

        return text.ToString().ReplaceLineEndings(" ");
    }
}
