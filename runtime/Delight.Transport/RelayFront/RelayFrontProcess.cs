using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delight.Transport.RelayFront;

/// <summary>
/// Runs the Node front (runtime/Delight.RelayFront/front.js) as a child process: installs its locked npm packages
/// with <c>npm ci</c> when node_modules is missing, starts <c>node front.js</c> on a loopback port, waits for its
/// "listening" line, and kills it on stop. The front exits by itself when its stdin or its bridge connection closes,
/// so it cannot outlive the process that started it.
/// </summary>
public sealed class RelayFrontProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process process;
    private readonly ILogger logger;

    private RelayFrontProcess(Process process, int port, ILogger logger)
    {
        this.process = process;
        Port = port;
        this.logger = logger;
    }

    /// <summary>The HTTP and Socket.IO port on 127.0.0.1.</summary>
    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public bool HasExited => process.HasExited;

    /// <summary>Starts a front that hands everything to the bridge listening on <paramref name="bridgePort"/>.
    /// <paramref name="port"/> 0 picks a free port; a restart passes the previous one so clients find it again.</summary>
    public static async Task<RelayFrontProcess> StartAsync(
        int bridgePort, int port = 0, TimeSpan? pingInterval = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var directory = RelayFrontLocator.FindFrontDirectory();
        await EnsureInstalledAsync(directory, logger, cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo(RelayFrontLocator.FindNode())
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("front.js");
        start.ArgumentList.Add("--bridge-port");
        start.ArgumentList.Add(bridgePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (pingInterval is { } ping)
        {
            start.ArgumentList.Add("--ping-interval-ms");
            start.ArgumentList.Add(((long)ping.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new RelayFrontException("could not start node");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new RelayFrontException("the relay front exited before listening"));
                return;
            }

            if (TryReadListeningPort(e.Data, out var listeningPort))
            {
                listening.TrySetResult(listeningPort);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                logger.LogInformation("relay front: {Line}", e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var actualPort = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return new RelayFrontProcess(process, actualPort, logger);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static bool TryReadListeningPort(string line, out int port)
    {
        port = 0;
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("listening", out var value) &&
                value.TryGetInt32(out port))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            // some other output line
        }

        return false;
    }

    private static async Task EnsureInstalledAsync(string directory, ILogger logger, CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(Path.Combine(directory, "node_modules", "socket.io", "package.json")))
            {
                return;
            }

            logger.LogInformation("relay front: running npm ci in {Directory}", directory);
            var start = new ProcessStartInfo(RelayFrontLocator.FindNpm())
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(start) ?? throw new RelayFrontException("could not start npm");
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await npm.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Kill(npm);
                throw new RelayFrontException("npm ci did not finish within 5 minutes");
            }

            if (npm.ExitCode != 0)
            {
                throw new RelayFrontException($"npm ci failed ({npm.ExitCode}): {await errors.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Kills the front, as a crashed relay would die: its clients see their transport close.</summary>
    public async Task StopAsync()
    {
        Kill(process);
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("relay front {Pid} did not exit within 10 s", process.Id);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        process.Dispose();
    }
}
