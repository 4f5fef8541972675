using System.Runtime.CompilerServices;

namespace SfBridge.Rules;

/// <summary>
/// A reason a rule states for explain ("o caso não chegou à fila …", "o registro … ainda pode ser feito até 04/03/2026
/// 15:00"), written only when explain listens: a judgement that is not explained does not format the dates and names
/// of reasons nobody reads. The compiler skips the interpolation's values, and the calls that make them, when
/// <see cref="RuleContext.Trace"/> is null.
/// </summary>
[InterpolatedStringHandler]
public ref struct ReasonText
{
    private DefaultInterpolatedStringHandler _text;

    public ReasonText(int literalLength, int formattedCount, RuleContext context, out bool explaining)
    {
        explaining = context.Trace is not null;
        _text = explaining ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _text.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _text.AppendFormatted(value, alignment, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    internal string ToStringAndClear() => _text.ToStringAndClear();
}
