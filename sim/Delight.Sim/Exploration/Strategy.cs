using Microsoft.Coyote;

namespace Delight.Sim.Exploration;

/// <summary>Coyote exploration strategies offered on the command line.</summary>
public enum Strategy
{
    Random,
    Probabilistic,
    Pct,
    Portfolio,
    Ql,
}

public static class StrategyExtensions
{
    public static string ToName(this Strategy strategy) => strategy.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Strategy strategy)
    {
        strategy = Strategy.Random;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var value in Enum.GetValues<Strategy>())
        {
            if (string.Equals(value.ToName(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                strategy = value;
                return true;
            }
        }

        return false;
    }

    /// <summary>Fair variants everywhere: unfair strategies cannot find liveness bugs.</summary>
    public static Configuration Apply(this Strategy strategy, Configuration configuration) => strategy switch
    {
        Strategy.Random => configuration.WithRandomStrategy(),
        Strategy.Probabilistic => configuration.WithProbabilisticStrategy(3),
        Strategy.Pct => configuration.WithPrioritizationStrategy(isFair: true, 10),
        Strategy.Portfolio => configuration, // Coyote's default: a fair portfolio rotating strategies per iteration
        Strategy.Ql => configuration.WithQLearningStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
    };
}
