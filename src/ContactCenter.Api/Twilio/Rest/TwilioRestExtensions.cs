using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ContactCenter.Api.Twilio.Rest;

public static class TwilioRestExtensions
{
    /// <summary>
    /// <see cref="ITwilioRestClient"/> on the official Twilio library, whose requests go through an IHttpClientFactory-managed
    /// HttpClient: (outermost first) <see cref="TwilioRequestHandler"/> (base URL, not-repeatable mark, caller's token), a total
    /// timeout, the retry rules of <see cref="TwilioRetryRules"/>, a circuit breaker, a per-attempt timeout,
    /// <see cref="TwilioResponseBuffering"/>, and a primary handler that never follows a redirect with the credentials.
    /// </summary>
    public static IServiceCollection AddTwilioRestClient(this IServiceCollection services)
    {
        services.AddTwilioOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<TwilioTelemetryHandler>();
        services.AddTransient<TwilioRequestHandler>();
        services.AddTransient<TwilioResponseBuffering>();
        services.AddSingleton<ITwilioRestClient, TwilioRestGateway>();
        services.TryAddSingleton<TwilioCircuit>();
        services.AddHttpClient(TwilioRestGateway.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<TwilioTelemetryHandler>()
            .AddHttpMessageHandler<TwilioRequestHandler>()
            .AddResilienceHandler("twilio-rest", static (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value.Rest;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.AddTimeout(settings.TotalTimeout);
                if (settings.MaxRetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetryAttempts,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = settings.RetryBaseDelay,
                        MaxDelay = settings.MaxRetryDelay,
                        ShouldRetryAfterHeader = false,
                        ShouldHandle = TwilioRetryRules.ShouldRetry,
                        DelayGenerator = args => ValueTask.FromResult(
                            TwilioRetryRules.RetryAfter(args.Outcome.Result, settings.MaxRetryDelay, time.GetUtcNow())),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(10),
                    OnOpened = args =>
                    {
                        context.ServiceProvider.GetRequiredService<TwilioCircuit>().Opened(args.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                });
                pipeline.AddTimeout(settings.AttemptTimeout);
            })
            .Services.AddHttpClient(TwilioRestGateway.HttpClientName)
            .AddHttpMessageHandler<TwilioResponseBuffering>();
        return services;
    }
}
