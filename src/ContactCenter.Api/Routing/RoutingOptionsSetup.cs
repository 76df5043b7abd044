using ContactCenter.Api.Control;
using ContactCenter.Api.Twilio;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>Binds the top-level <c>Queues</c> list (numbers as strings or {Number, Priority}) and the <c>Routing</c> section.</summary>
internal static class RoutingOptionsBinding
{
    public static void Bind(RoutingOptions options, IConfiguration configuration)
    {
        options.Queues = [.. configuration.GetSection("Queues").GetChildren().Select(BindQueue)];
        var routing = configuration.GetSection("Routing");
        options.DefaultQueue = routing["DefaultQueue"] is { Length: > 0 } queue ? queue : null;
        options.InitialPresence = routing["InitialPresence"] is { Length: > 0 } presence ? presence : options.InitialPresence;
    }

    private static QueueOptions BindQueue(IConfigurationSection section)
    {
        var queue = new QueueOptions
        {
            Id = section["Id"],
            Name = section["Name"],
            Strategy = section["Strategy"] ?? RoutingStrategies.LongestIdle,
            MaxWaitAction = section["MaxWaitAction"] ?? "voicemail",
            OverflowNumber = section["OverflowNumber"],
        };
        // An unreadable number becomes int.MinValue: the range check then names the key.
        queue.RingTimeoutSeconds = Int(section["RingTimeoutSeconds"], queue.RingTimeoutSeconds);
        queue.WrapUpSeconds = Int(section["WrapUpSeconds"], queue.WrapUpSeconds);
        queue.MaxNoAnswer = Int(section["MaxNoAnswer"], queue.MaxNoAnswer);
        queue.MaxWaitSeconds = Int(section["MaxWaitSeconds"], queue.MaxWaitSeconds);
        queue.ServiceLevelSeconds = Int(section["ServiceLevelSeconds"], queue.ServiceLevelSeconds);
        queue.Numbers = [.. section.GetSection("Numbers").GetChildren().Select(n => n.GetChildren().Any()
            ? new QueueNumber { Number = n["Number"], Priority = Int(n["Priority"], 0) }
            : new QueueNumber { Number = n.Value })];
        queue.Agents = [.. section.GetSection("Agents").GetChildren().Select(a => a.Value ?? "")];
        return queue;
    }

    private static int Int(string? value, int fallback) =>
        value is null ? fallback : int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MinValue;
}

/// <summary>Every queue well formed, its agents configured, its numbers unique, its overflow number allow-listed.</summary>
internal sealed class RoutingOptionsValidation(
    IOptions<DirectoryOptions> directory, IOptions<TransferOptions> transfers, IOptions<TwilioOptions> twilio) : IValidateOptions<RoutingOptions>
{
    public static readonly IReadOnlyList<string> InitialPresences = [Presences.Offline, Presences.Available, Presences.Away];

    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var problems = new List<string>();
        var allowed = transfers.Value.Compile();
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Queues.Count; i++)
        {
            var q = options.Queues[i];
            var key = $"Queues:{i}";
            if (q.Id is null || !DirectoryOptions.IdPattern().IsMatch(q.Id))
            {
                problems.Add($"{key}:Id must be 1-32 characters of a-z, 0-9, '-' or '_', starting with a letter or digit.");
            }

            for (var n = 0; n < q.Numbers.Count; n++)
            {
                var number = q.Numbers[n].Number;
                if (!Addresses.IsE164(number))
                {
                    problems.Add($"{key}:Numbers:{n} must be an E.164 number (e.g. +18005550100).");
                }
                else if (!numbers.TryAdd(number!, key))
                {
                    problems.Add($"{key}:Numbers:{n} is already listed by {numbers[number!]}: a number leads to one queue.");
                }
            }

            if (q.Agents.Count == 0)
            {
                problems.Add($"{key}:Agents must list at least one agent id.");
            }

            for (var a = 0; a < q.Agents.Count; a++)
            {
                if (directory.Value.FindAgent(q.Agents[a]) is null)
                {
                    problems.Add($"{key}:Agents:{a} names no configured agent ('{Cut(q.Agents[a])}' is not in Agents).");
                }
            }

            if (!RoutingStrategies.All.Contains(q.Strategy))
            {
                problems.Add($"{key}:Strategy must be one of {string.Join(", ", RoutingStrategies.All)} (was '{Cut(q.Strategy)}').");
            }

            Range(problems, $"{key}:RingTimeoutSeconds", q.RingTimeoutSeconds, 5, 600);
            Range(problems, $"{key}:WrapUpSeconds", q.WrapUpSeconds, 0, 3600);
            Range(problems, $"{key}:MaxNoAnswer", q.MaxNoAnswer, 0, 100);
            Range(problems, $"{key}:MaxWaitSeconds", q.MaxWaitSeconds, 0, 86400);
            Range(problems, $"{key}:ServiceLevelSeconds", q.ServiceLevelSeconds, 1, 3600);
            if (q.MaxWaitAction is not ("voicemail" or "overflow"))
            {
                problems.Add($"{key}:MaxWaitAction must be voicemail or overflow (was '{Cut(q.MaxWaitAction)}').");
            }
            else if (q.MaxWaitAction == "overflow"
                && !(Addresses.IsE164(q.OverflowNumber) && allowed.Any(r => r.IsMatch(q.OverflowNumber!))))
            {
                problems.Add($"{key}:OverflowNumber must be an E.164 number matching Transfers:AllowedNumberPatterns when MaxWaitAction is overflow.");
            }
        }

        foreach (var duplicate in options.Queues.Where(q => q.Id is not null).GroupBy(q => q.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Queues: the id '{duplicate.Key}' is used more than once.");
        }

        if (options.DefaultQueue is { } defaultQueue && options.Find(defaultQueue) is null)
        {
            problems.Add($"Routing:DefaultQueue names no queue in Queues ('{Cut(defaultQueue)}').");
        }

        if (options.Enabled && string.IsNullOrWhiteSpace(twilio.Value.PublicBaseUrl))
        {
            problems.Add("Twilio:PublicBaseUrl is required when Queues is configured: agents are dialed from background work, outside any request.");
        }

        if (!InitialPresences.Contains(options.InitialPresence))
        {
            problems.Add($"Routing:InitialPresence must be one of {string.Join(", ", InitialPresences)}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{key} must be between {min} and {max}.");
        }
    }

    private static string Cut(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";
}
