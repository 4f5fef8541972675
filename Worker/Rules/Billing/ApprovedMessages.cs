using System.Runtime.CompilerServices;
using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

/// <summary>
/// How close an agent's message is to the approved ones: cosine similarity of character-trigram counts of the texts
/// without their greeting, the "(cliente)" placeholder or the customer's name, and punctuation, so an adapted approved
/// message ("Bom dia, Carlos! Iniciamos a análise…") stays close to its model. The approved messages' trigram counts
/// are computed once per loaded list. (Trigrams are packed into longs and compared by a sorted merge: F23's cosine
/// allocates a string per trigram and a dictionary per text, which made this the costliest rule of the engine.)
/// </summary>
public static class ApprovedMessages
{
    private static readonly ConditionalWeakTable<IReadOnlyList<ApprovedMessage>, List<(ApprovedMessage Message, Profile Profile)>> Profiles = [];

    public static (ApprovedMessage? Message, double Similarity) Closest(string text, IReadOnlyList<ApprovedMessage> approved)
    {
        var body = Core(text);
        if (body.Length < 3)
        {
            return (null, 0);
        }

        var profile = new Profile(body);
        ApprovedMessage? best = null;
        var score = 0.0;
        foreach (var (candidate, candidateProfile) in Profiles.GetValue(approved, list => list.Select(m => (m, new Profile(Core(m.Text)))).ToList()))
        {
            var s = profile.Cosine(candidateProfile);
            if (s > score)
            {
                (best, score) = (candidate, s);
            }
        }

        return (best, score);
    }

    /// <summary>The message without greeting, addressee and punctuation, as a comparison key.</summary>
    public static string Core(string text)
    {
        var key = TextKey.Of(text);
        var start = OpeningLength(key);
        var sb = new System.Text.StringBuilder(key.Length - start);
        var space = false;
        for (var i = start; i < key.Length; i++)
        {
            if (key.AsSpan(i).StartsWith("(cliente)", StringComparison.Ordinal))
            {
                i += "(cliente)".Length - 1;
                space = sb.Length > 0;
                continue;
            }

            var ch = key[i];
            if (char.IsLetterOrDigit(ch))
            {
                if (space)
                {
                    sb.Append(' ');
                }

                sb.Append(ch);
                space = false;
            }
            else
            {
                space = sb.Length > 0;
            }
        }

        return sb.ToString();
    }

    /// <summary>Length of an opening such as "bom dia, (cliente)!", "boa tarde, carlos!", "cliente, bom dia!" or "(cliente),".</summary>
    private static int OpeningLength(string key)
    {
        foreach (var greeting in (ReadOnlySpan<string>)["bom dia", "boa tarde", "boa noite"])
        {
            var at = key.IndexOf(greeting, StringComparison.Ordinal);
            if (at is >= 0 and <= 30)
            {
                var end = key.IndexOfAny(['!', '.', ','], at + greeting.Length);
                if (end >= 0 && end - at <= 50)
                {
                    // "carlos, bom dia!" ends at the mark after the greeting; "bom dia, carlos!" at the mark after the name.
                    var bang = key.IndexOfAny(['!', '.'], at + greeting.Length);
                    return (bang >= 0 && bang - at <= 50 ? bang : end) + 1;
                }
            }
        }

        return key.StartsWith("(cliente),", StringComparison.Ordinal) ? "(cliente),".Length : 0;
    }

    /// <summary>The text's character trigrams, each packed into a long, sorted: two profiles meet in one merge pass.</summary>
    private sealed class Profile
    {
        private readonly long[] _trigrams;
        private readonly double _norm;

        public Profile(string text)
        {
            _trigrams = new long[Math.Max(0, text.Length - 2)];
            for (var i = 0; i < _trigrams.Length; i++)
            {
                _trigrams[i] = ((long)text[i] << 32) | ((long)text[i + 1] << 16) | text[i + 2];
            }

            Array.Sort(_trigrams);
            var sum = 0.0;
            for (var i = 0; i < _trigrams.Length;)
            {
                var run = Run(_trigrams, ref i);
                sum += (double)run * run;
            }

            _norm = Math.Sqrt(sum);
        }

        public double Cosine(Profile other)
        {
            if (_norm == 0 || other._norm == 0)
            {
                return 0;
            }

            var dot = 0.0;
            int i = 0, j = 0;
            while (i < _trigrams.Length && j < other._trigrams.Length)
            {
                var (a, b) = (_trigrams[i], other._trigrams[j]);
                if (a == b)
                {
                    dot += (double)Run(_trigrams, ref i) * Run(other._trigrams, ref j);
                }
                else if (a < b)
                {
                    Run(_trigrams, ref i);
                }
                else
                {
                    Run(other._trigrams, ref j);
                }
            }

            return dot / (_norm * other._norm);
        }

        /// <summary>How many times the trigram at <paramref name="i"/> repeats; moves <paramref name="i"/> past them.</summary>
        private static int Run(long[] sorted, ref int i)
        {
            var start = i;
            var value = sorted[i];
            while (i < sorted.Length && sorted[i] == value)
            {
                i++;
            }

            return i - start;
        }
    }
}
