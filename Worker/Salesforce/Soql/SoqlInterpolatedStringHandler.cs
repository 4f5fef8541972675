using System.Runtime.CompilerServices;
using System.Text;

namespace SfBridge.Salesforce;

/// <summary>Literal parts are copied; every hole is rendered by <see cref="SoqlLiteral.Render"/>.</summary>
[InterpolatedStringHandler]
public ref struct SoqlInterpolatedStringHandler
{
    private readonly StringBuilder _builder;

    public SoqlInterpolatedStringHandler(int literalLength, int formattedCount) =>
        _builder = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string value) => _builder.Append(value);

    public readonly void AppendFormatted<T>(T value) => _builder.Append(SoqlLiteral.Render(value));

    public readonly string ToStringAndClear()
    {
        var text = _builder.ToString();
        _builder.Clear();
        return text;
    }
}
