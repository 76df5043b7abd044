using ContactCenter.Api.Control;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>Seeds <c>agent_states</c> for every configured agent (insert if missing, Routing:InitialPresence) once the schema is migrated.</summary>
internal sealed partial class RoutingStartup(
    AgentStore agents, IOptions<RoutingOptions> options, IOptions<DirectoryOptions> directory, ILogger<RoutingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var ids = directory.Value.Agents.Select(a => a.Id!).ToList();
        await agents.SeedAsync(ids, options.Value.InitialPresence, cancellationToken);
        LogRouting(logger, options.Value.Queues.Count, ids.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing on: {Queues} queues, {Agents} agents")]
    private static partial void LogRouting(ILogger logger, int queues, int agents);
}
