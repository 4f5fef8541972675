namespace SfBridge.Rules;

/// <summary>
/// Searches folded text (lower case, no accents) for a case's own data without building a regular expression per
/// case: a word standing on its own, or a number written with separators between its digits.
/// </summary>
public static class TextSearch
{
    /// <summary>True when <paramref name="word"/> occurs in <paramref name="text"/> with no letter or digit touching it on either side.</summary>
    public static bool ContainsWord(string text, string word, bool digitsAreWordCharacters = true)
    {
        if (word.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if (!IsWordChar(at > 0 ? text[at - 1] : ' ', digitsAreWordCharacters) && !IsWordChar(end < text.Length ? text[end] : ' ', digitsAreWordCharacters))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the digits occur in the text as a number of their own, each digit optionally followed by one of
    /// " .-/" ("48.213.977" holds 48213977), with no digit right before or after.
    /// </summary>
    public static bool ContainsDigits(string text, string digits)
    {
        if (digits.Length == 0)
        {
            return false;
        }

        for (var start = 0; start < text.Length; start++)
        {
            if (text[start] != digits[0] || (start > 0 && char.IsAsciiDigit(text[start - 1])))
            {
                continue;
            }

            var i = start;
            var matched = 0;
            while (i < text.Length && matched < digits.Length && text[i] == digits[matched])
            {
                matched++;
                i++;
                if (matched < digits.Length && i < text.Length && text[i] is ' ' or '.' or '-' or '/' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                }
            }

            if (matched == digits.Length && (i >= text.Length || !char.IsAsciiDigit(text[i])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c, bool digits) => char.IsLetter(c) || (digits && char.IsDigit(c));
}
