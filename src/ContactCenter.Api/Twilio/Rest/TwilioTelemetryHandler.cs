using System.Globalization;
using System.Text;
using ContactCenter.Api.Operations;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// Outermost handler: one measurement per Twilio REST request as the caller saw it (retries and backoff included), labelled
/// by operation (method and path with every id replaced, e.g. <c>POST Conferences/{sid}/Participants</c>) and status.
/// </summary>
internal sealed class TwilioTelemetryHandler(ContactCenterMetrics metrics, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = Operation(request.Method, request.RequestUri);
        var started = time.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException)
        {
            status = "canceled";
            throw;
        }
        finally
        {
            metrics.TwilioRequest(operation, status, time.GetElapsedTime(started));
        }
    }

    /// <summary>The path after <c>/2010-04-01/Accounts/{AccountSid}/</c>, ids as <c>{sid}</c>, no <c>.json</c>, no query.</summary>
    internal static string Operation(HttpMethod method, Uri? uri)
    {
        var segments = (uri?.AbsolutePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accounts = Array.IndexOf(segments, "Accounts");
        var start = accounts >= 0 ? accounts + 2 : 0;
        var name = new StringBuilder(method.Method).Append(' ');
        for (var i = start; i < segments.Length; i++)
        {
            // Collections and ids alternate (Conferences/{sid}/Participants/{sid or label}): an id never becomes a label value.
            var segment = segments[i].EndsWith(".json", StringComparison.Ordinal) ? segments[i][..^5] : segments[i];
            name.Append(i > start ? "/" : "").Append((i - start) % 2 == 1 ? "{sid}" : segment);
        }

        return name.ToString();
    }
}
