using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// The HTTP side of <see cref="ITwilioRestClient"/>: paths under /2010-04-01/Accounts/{AccountSid}, HTTP Basic
/// (API key or account), JSON answers, Twilio errors as <see cref="TwilioApiException"/>. Retries, timeouts
/// and the circuit breaker live in the HttpClient's resilience handler (see <see cref="TwilioRestExtensions"/>).
/// </summary>
public sealed partial class TwilioRestClient(HttpClient http, IOptionsMonitor<TwilioOptions> options, ILogger<TwilioRestClient> logger)
    : ITwilioRestClient
{
    private const string ApiVersionPath = "/2010-04-01/";

    // Twilio lists are small here (participants of one room, conferences of one name); this bounds a runaway next_page_uri.
    private const int MaxPages = 20;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private Task<T> SendAsync<T>(HttpMethod method, string accountRelativePath, TwilioForm? form, CancellationToken cancellationToken, bool notRepeatable = false) =>
        SendToAsync<T>(method, AccountPath(accountRelativePath), form, notRepeatable, cancellationToken);

    private async Task<T> SendToAsync<T>(HttpMethod method, string absolutePath, TwilioForm? form, bool notRepeatable, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(method, settings.ApiBaseUrl.TrimEnd('/') + absolutePath);
        request.Headers.Authorization = BasicAuth(settings);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(TwilioRetryRules.NotRepeatable, notRepeatable);
        if (form is not null)
        {
            request.Content = form.ToContent();
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await TwilioApiException.FromResponseAsync(response, cancellationToken);
            LogTwilioError(logger, method.Method, StripQuery(absolutePath), (int)response.StatusCode, error.TwilioCode, error.TwilioMessage);
            throw error;
        }

        if (typeof(T) == typeof(NoContent))
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException($"Twilio answered {method} {StripQuery(absolutePath)} with an empty body.");
    }

    private async Task<IReadOnlyList<TItem>> ListAsync<TPage, TItem>(
        string accountRelativePath, Func<TPage, (IReadOnlyList<TItem>? Items, string? Next)> read, CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        var path = AccountPath(accountRelativePath);
        for (var page = 0; page < MaxPages; page++)
        {
            var (pageItems, next) = read(await SendToAsync<TPage>(HttpMethod.Get, path, null, false, cancellationToken));
            items.AddRange(pageItems ?? []);
            // Only ever follow a link into the same API: never send our credentials elsewhere.
            if (next is null || !next.StartsWith(ApiVersionPath, StringComparison.Ordinal))
            {
                break;
            }

            path = next;
        }

        return items;
    }

    private string AccountPath(string relative)
    {
        var accountSid = options.CurrentValue.AccountSid;
        if (!Sids.IsAccountSid(accountSid))
        {
            throw new InvalidOperationException("Twilio:AccountSid is not configured; the REST API cannot be called without it.");
        }

        return $"{ApiVersionPath}Accounts/{accountSid}/{relative}";
    }

    private static AuthenticationHeaderValue BasicAuth(TwilioOptions settings)
    {
        var (user, secret) = string.IsNullOrEmpty(settings.ApiKeySid)
            ? (settings.AccountSid, settings.AuthToken)
            : (settings.ApiKeySid, settings.ApiKeySecret);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
    }

    private static string StripQuery(string path) => path.Split('?', 2)[0];

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Marks an operation whose successful answer has no body (204).</summary>
    private sealed class NoContent;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio {Method} {Path} answered {StatusCode} (code {TwilioCode}): {TwilioMessage}")]
    private static partial void LogTwilioError(ILogger logger, string method, string path, int statusCode, int? twilioCode, string? twilioMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialing {To} into conference {ConferenceSid} as {Label}")]
    private static partial void LogDialingParticipant(ILogger logger, string to, string conferenceSid, string? label);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placing a call to {To}")]
    private static partial void LogPlacingCall(ILogger logger, string to);
}
