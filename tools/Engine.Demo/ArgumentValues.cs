using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Engine.Resources;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>
/// Options whose value is checked as it is read: a refused value becomes a parse error that names the option and what
/// it allows, in one line (the value is escaped, so it cannot break that line).
/// </summary>
internal static class ArgumentValues
{
    /// <summary>An option taking a plain decimal from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> WholeNumber(string name, string valueName, int min, int max, string description, int? defaultValue = null)
    {
        var option = new Option<int>(name)
        {
            HelpName = valueName,
            Description = description,
            CustomParser = result => InRange(result, name, min, max) ?? 0,
        };
        if (defaultValue is int value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary>
    /// An option that may stand alone (<paramref name="whenAlone"/>) or take a plain decimal from <paramref name="min"/>
    /// to <paramref name="max"/>; absent, it reads as null.
    /// </summary>
    public static Option<int?> OptionalWholeNumber(string name, string valueName, int min, int max, int whenAlone, string description) => new(name)
    {
        HelpName = valueName,
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => result.Tokens.Count == 0 ? whenAlone : InRange(result, name, min, max),
    };

    /// <summary>A Serilog level by name, in any case (or by its number, as <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> reads it).</summary>
    public static Option<LogEventLevel> LogLevel(string name, LogEventLevel defaultValue, string description) => new(name)
    {
        HelpName = "LEVEL",
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return defaultValue; // the parser has already said that the value is missing
            }

            string text = result.Tokens[0].Value;
            if (Enum.TryParse(text, ignoreCase: true, out LogEventLevel level) && Enum.IsDefined(level))
            {
                return level;
            }

            result.AddError($"{name} must be one of verbose, debug, information, warning, error, fatal; got '{ResourceLabels.Text(text)}'");
            return defaultValue;
        },
    };

    private static int? InRange(ArgumentResult result, string name, int min, int max)
    {
        if (result.Tokens.Count == 0)
        {
            return null; // the parser has already said that the value is missing
        }

        // Stricter than int's default parsing: no sign, no spaces, no digit groups, whatever the culture.
        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min:N0} to {max:N0}; got '{ResourceLabels.Text(text)}'"));
        return null;
    }
}
