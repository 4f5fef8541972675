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
    private static readonly ConditionalWeakTable<IReadOnlyList<ApprovedMessage>, Index> Indexes = [];

    public static (ApprovedMessage? Message, double Similarity) Closest(string text, IReadOnlyList<ApprovedMessage> approved)
    {
        var body = Core(text);
        if (body.Length < 3)
        {
            return (null, 0);
        }

        var profile = new Profile(body);
        var index = Indexes.GetValue(approved, list => new Index(list));
        // Dot products through the index: only the trigrams the text shares with a message are visited, instead of
        // merging the text with every approved message. Counts are integers, so the sums are exact in any order.
        Span<long> dots = index.Messages.Length <= 256 ? stackalloc long[index.Messages.Length] : new long[index.Messages.Length];
        dots.Clear();
        for (var k = 0; k < profile.Trigrams.Length; k++)
        {
            if (index.Postings.TryGetValue(profile.Trigrams[k], out var postings))
            {
                foreach (var (message, count) in postings)
                {
                    dots[message] += (long)profile.Counts[k] * count;
                }
            }
        }

        ApprovedMessage? best = null;
        var score = 0.0;
        for (var m = 0; m < index.Messages.Length; m++)
        {
            var norm = index.Profiles[m].Norm;
            var s = profile.Norm == 0 || norm == 0 ? 0 : dots[m] / (profile.Norm * norm);
            if (s > score)
            {
                (best, score) = (index.Messages[m], s);
            }
        }

        return (best, score);
    }

    /// <summary>The approved messages' profiles, and for each trigram the messages holding it with its count there.</summary>
    private sealed class Index
    {
        public Index(IReadOnlyList<ApprovedMessage> approved)
        {
            Messages = approved.ToArray();
            Profiles = Messages.Select(m => new Profile(Core(m.Text))).ToArray();
            var postings = new Dictionary<long, List<(int Message, int Count)>>();
            for (var m = 0; m < Profiles.Length; m++)
            {
                for (var k = 0; k < Profiles[m].Trigrams.Length; k++)
                {
                    if (!postings.TryGetValue(Profiles[m].Trigrams[k], out var list))
                    {
                        postings[Profiles[m].Trigrams[k]] = list = [];
                    }

                    list.Add((m, Profiles[m].Counts[k]));
                }
            }

            Postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray());
        }

        public ApprovedMessage[] Messages { get; }

        public Profile[] Profiles { get; }

        public Dictionary<long, (int Message, int Count)[]> Postings { get; }
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

    /// <summary>The text's character trigrams, each packed into a long, distinct and sorted, with how often each occurs.</summary>
    private sealed class Profile
    {
        public Profile(string text)
        {
            var all = text.Length - 2 <= 512 ? stackalloc long[Math.Max(0, text.Length - 2)] : new long[text.Length - 2];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = ((long)text[i] << 32) | ((long)text[i + 1] << 16) | text[i + 2];
            }

            all.Sort();
            var distinct = 0;
            for (var i = 0; i < all.Length; i++)
            {
                distinct += i == 0 || all[i] != all[i - 1] ? 1 : 0;
            }

            Trigrams = new long[distinct];
            Counts = new int[distinct];
            var sum = 0.0;
            for (int i = 0, k = 0; i < all.Length; k++)
            {
                var start = i;
                while (i < all.Length && all[i] == all[start])
                {
                    i++;
                }

                (Trigrams[k], Counts[k]) = (all[start], i - start);
                sum += (double)Counts[k] * Counts[k];
            }

            Norm = Math.Sqrt(sum);
        }

        public long[] Trigrams { get; }

        public int[] Counts { get; }

        public double Norm { get; }
    }
}
