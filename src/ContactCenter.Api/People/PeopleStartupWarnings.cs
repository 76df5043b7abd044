namespace ContactCenter.Api.People;

/// <summary>One line at start for people who cannot sign in (no key), or, in Development, who use a public development key.</summary>
internal sealed partial class PeopleStartupWarnings(PeopleDirectory directory, ILogger<PeopleStartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var development = directory.People.Where(p => p.UsesDevelopmentKey).Select(p => p.Id).ToList();
        if (development.Count > 0)
        {
            LogDevelopmentKeys(logger, string.Join(", ", development), PeopleDirectory.DevelopmentKey("<id>"));
        }

        var keyless = directory.People.Where(p => p.KeyHash is null).Select(p => p.Id).ToList();
        if (keyless.Count > 0)
        {
            LogKeyless(logger, string.Join(", ", keyless));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! People without a key ({People}) sign in to the console in Development with the public key '{DevelopmentKey}'. Configure Agents__N__Key / Supervisors__N__Key for anything real. !!!")]
    private static partial void LogDevelopmentKeys(ILogger logger, string people, string developmentKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "People without a key cannot sign in to the console: {People}. Set Agents__N__Key or Supervisors__N__Key (or KeySha256).")]
    private static partial void LogKeyless(ILogger logger, string people);
}
