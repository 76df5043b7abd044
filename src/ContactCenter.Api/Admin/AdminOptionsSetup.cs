using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Admin;

/// <summary>
/// Every key needs a name (the actor) and at least 16 characters. No keys is allowed (the admin API then refuses
/// everyone, and start-up says so), except that Development falls back to a documented public key.
/// </summary>
internal sealed class AdminOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AdminOptions>, IValidateOptions<AdminOptions>
{
    public void PostConfigure(string? name, AdminOptions options)
    {
        if (options.ApiKeys.Count == 0 && environment.IsDevelopment())
        {
            options.ApiKeys.Add(new AdminApiKey { Name = "development", Key = AdminOptions.DevelopmentKey });
            options.UsesDevelopmentKey = true;
        }
    }

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"Admin:ApiKeys:{i}:Name is empty: every admin key needs a name, recorded as the actor of what is done with it.");
            }

            if (string.IsNullOrEmpty(key.Key) || key.Key.Length < AdminOptions.MinimumKeyLength)
            {
                failures.Add($"Admin:ApiKeys:{i}:Key must be at least {AdminOptions.MinimumKeyLength} characters (set Admin__ApiKeys__{i}__Key).");
            }
        }

        var duplicates = options.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Name)).GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1);
        failures.AddRange(duplicates.Select(g => $"Admin:ApiKeys: the name '{g.Key}' is used by more than one key."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Says loudly at start-up when the admin API is unusable or open with the public development key.</summary>
internal sealed partial class AdminStartupWarnings(IOptions<AdminOptions> options, ILogger<AdminStartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.UsesDevelopmentKey)
        {
            LogDevelopmentKey(logger, AdminOptions.DevelopmentKey);
        }
        else if (settings.ApiKeys.Count == 0)
        {
            LogNoKeys(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:ApiKeys configured: the admin API answers 401 to everyone. Set Admin__ApiKeys__0__Name and Admin__ApiKeys__0__Key to use it.")]
    private static partial void LogNoKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! No Admin:ApiKeys configured: Development accepts the public admin key '{DevelopmentKey}'. Configure Admin__ApiKeys__0__Key for anything real. !!!")]
    private static partial void LogDevelopmentKey(ILogger logger, string developmentKey);
}
