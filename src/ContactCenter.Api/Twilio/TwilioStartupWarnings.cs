using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio;

/// <summary>Says loudly at start-up when the service runs with weakened webhook security.</summary>
internal sealed partial class TwilioStartupWarnings(IOptions<TwilioOptions> options, ILogger<TwilioStartupWarnings> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.ValidateSignatures)
        {
            LogValidationOff(logger);
        }

        if (settings.UsesDevelopmentAuthToken)
        {
            LogDevelopmentToken(logger, TwilioOptions.DevelopmentAuthToken);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! Twilio:ValidateSignatures is false: ANYONE can post forged Twilio webhooks to this service. Never run like this on a public address. !!!")]
    private static partial void LogValidationOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! No Twilio:AuthToken configured: Development uses the public token '{DevelopmentToken}' to validate signatures. Configure Twilio__AuthToken for a real account. !!!")]
    private static partial void LogDevelopmentToken(ILogger logger, string developmentToken);
}
