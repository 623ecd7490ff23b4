using Microsoft.Extensions.Logging;

namespace Delight.Transport.Tests.Support;

/// <summary>Routes adapter and relay logs to the NUnit progress output, so a failing test shows what happened.</summary>
public static class TestLog
{
    public static ILogger Logger { get; } = new ProgressLogger();

    private sealed class ProgressLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                TestContext.Progress.WriteLine($"[{logLevel}] {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
            }
        }
    }
}
