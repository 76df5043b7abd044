using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Hosting;

/// <summary>
/// Runs every ValidateOnStart check before the host starts, so a mis-configured start prints one line per problem
/// (each naming its key) and exits non-zero, instead of the host's error log and an unhandled-exception trace.
/// Only a process of its own prints and exits; hosted in another process (the tests' in-memory host) the
/// validation exception goes to that host as before.
/// </summary>
public static partial class StartupCheck
{
    public static bool ConfigurationIsValid(this WebApplication app, TextWriter? output = null)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception error) when (OwnsTheProcess && Failures(error).ToList() is { Count: > 0 } failures)
        {
            output ??= System.Console.Error;
            foreach (var failure in failures)
            {
                output.WriteLine($"Configuration error: {failure}");
            }

            output.WriteLine($"The service did not start (environment '{app.Environment.EnvironmentName}').");
            return false;
        }
    }

    private static bool OwnsTheProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupCheck).Assembly;

    private static IEnumerable<string> Failures(Exception error) =>
        error switch
        {
            OptionsValidationException validation => validation.Failures.Select(Plain),
            AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
            _ => [],
        };

    /// <summary>A data-annotation failure without the framework's wrapper: its message already names the key.</summary>
    private static string Plain(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
