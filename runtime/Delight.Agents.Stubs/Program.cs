using Delight.Agents.Stubs;

// Stub agents for the engine tests. Usage: Delight.Agents.Stubs <mode> [stub options] [adapter arguments]
//   claude-bridge     the Claude remote bridge (ENGINES.md §2.11)
//   codex-app-server  the Codex app-server (ENGINES.md §4.8)
//   lines             a plain JSON Lines child for the process adapter tests
return args.Length == 0
    ? Usage()
    : args[0] switch
    {
        "claude-bridge" => await ClaudeBridgeStub.RunAsync(StubArguments.Parse(args[1..])).ConfigureAwait(false),
        "codex-app-server" => await CodexAppServerStub.RunAsync(StubArguments.Parse(args[1..])).ConfigureAwait(false),
        "lines" => await LinesStub.RunAsync(StubArguments.Parse(args[1..])).ConfigureAwait(false),
        _ => Usage(),
    };

static int Usage()
{
    Console.Error.WriteLine("usage: Delight.Agents.Stubs claude-bridge|codex-app-server [--ready-delay-ms N] [--fail-start TEXT] [--no-ready] [--record FILE] [--exit-on-start N]");
    return 2;
}
