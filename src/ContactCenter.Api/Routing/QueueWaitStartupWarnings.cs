using ContactCenter.Api.Conferences;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Warns at start when callers are queued (queues are configured) but the music they
/// would hear is Twilio's twimlets hold music: that URL answers TwiML, which &lt;Play&gt; cannot play.
/// </summary>
internal sealed partial class QueueWaitStartupWarnings(
    IOptions<RoutingOptions> routing,
    IOptions<QueueWaitOptions> wait,
    IOptions<ConferenceOptions> conference,
    ILogger<QueueWaitStartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var music = QueueWaitEndpoints.MusicUrl(wait.Value, conference.Value);
        if (routing.Value.Queues.Count > 0 && IsTwiml(music))
        {
            LogTwimlMusic(logger, music);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static bool IsTwiml(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Equals("twimlets.com", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued callers would hear {MusicUrl}, a TwiML URL <Play> cannot play: set Routing:Wait:MusicUrl to an audio file (mp3/wav)")]
    private static partial void LogTwimlMusic(ILogger logger, string musicUrl);
}
