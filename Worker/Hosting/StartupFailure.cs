using System.Reflection;
using System.Text.RegularExpressions;
using SfBridge.State;

namespace SfBridge.Hosting;

/// <summary>
/// Start-up failures an operator fixes in the configuration, each as one line without a stack trace: a value that does
/// not convert to its setting's type (ConfigurationBinder's InvalidOperationException, for every options class) and a
/// state database that cannot be used, and a setting checked by hand (<see cref="SettingException"/>).
/// </summary>
internal static partial class StartupFailure
{
    /// <summary>The line to print (without the "Configuration error: " prefix), or null for a failure that is not the configuration's.</summary>
    public static string? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case StateStoreException state:
                    return state.Message;
                case SettingException setting:
                    return setting.Message;
                case InvalidOperationException when Binding().Match(ex.Message) is { Success: true } m:
                    return WrongType(m.Groups["key"].Value, m.Groups["value"].Success ? m.Groups["value"].Value : null, m.Groups["type"].Value);
                case InvalidOperationException when Section().Match(ex.Message) is { Success: true } m:
                    // The binder does not name the key: a value written as a section ("--State:ConnectionString:Default=…",
                    // "State__ConnectionString__Default=…").
                    return $"a setting that takes one value ({m.Groups["type"].Value.Split('.')[^1]}) is written as a section, with a key under it " +
                           "(such as --State:ConnectionString:Default=… or State__ConnectionString__Default=…): write it as Section:Key=value";
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return Describe(aggregate.InnerExceptions[0]);
                case TargetInvocationException:
                    continue;
            }
        }

        return null;
    }

    /// <summary>
    /// "Alerts:ReminderInterval must be a duration hh:mm:ss (e.g. 02:00:00), not '2h'". The value is quoted only when the key
    /// cannot hold a secret.
    /// </summary>
    internal static string WrongType(string key, string? value, string typeName)
    {
        var type = Type.GetType(typeName);
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var expected = type switch
        {
            null => $"a {typeName.Split('.')[^1]}",
            _ when type == typeof(TimeSpan) => "a duration hh:mm:ss (e.g. 02:00:00; days as d.hh:mm:ss)",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number (e.g. 0.5)",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO-8601 instant",
            _ when type == typeof(Uri) => "an absolute URL",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ => $"a {type.Name}",
        };
        return IsSecret(key) || value is null ? $"{key} must be {expected}" : $"{key} must be {expected}, not '{value}'";
    }

    /// <summary>Keys whose values are never repeated back: secrets, keys, passwords, connection strings.</summary>
    internal static bool IsSecret(string key) =>
        key.Split(':')[^1] is var last &&
        (last.Contains("secret", StringComparison.OrdinalIgnoreCase) || last.Contains("password", StringComparison.OrdinalIgnoreCase) ||
         last.Contains("token", StringComparison.OrdinalIgnoreCase) || last.Contains("key", StringComparison.OrdinalIgnoreCase) ||
         last.Contains("connectionstring", StringComparison.OrdinalIgnoreCase));

    // ConfigurationBinder: "Failed to convert configuration value '2h' at 'Alerts:ReminderInterval' to type 'System.TimeSpan'."
    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex Binding();

    // ConfigurationBinder, for a key given children where a value is expected: "Cannot create instance of type 'System.String'
    // because it has multiple public parameterized constructors."
    [GeneratedRegex(@"^Cannot create instance of type '(?<type>[^']*)' because", RegexOptions.Singleline)]
    private static partial Regex Section();
}

/// <summary>A setting that cannot be used, said in one line naming its key (never its value when it may be a secret).</summary>
internal sealed class SettingException(string message) : Exception(message);
