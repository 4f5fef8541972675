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

    public static (ApprovedMessage? Message, double Similarity) Closest(string text, IReadOnlyList<ApprovedMessage> approved) =>
        ClosestToKey(TextKey.Of(text), approved);

    /// <summary><see cref="Closest"/> for a text already made a comparison key (<see cref="TextKey.Of"/>).</summary>
    public static (ApprovedMessage? Message, double Similarity) ClosestToKey(string key, IReadOnlyList<ApprovedMessage> approved)
    {
        var body = key.Length <= 512 ? stackalloc char[key.Length] : new char[key.Length];
        body = body[..CoreOfKey(key, body)];
        if (body.Length < 3)
        {
            return (null, 0);
        }

        var index = Indexes.GetValue(approved, list => new Index(list));
        // The text's trigrams, sorted, read run by run: each distinct trigram's count goes into the text's norm and, through
        // the index, into the dot product with each message holding it (only the trigrams shared are visited). Counts are
        // integers, so the sums are exact in any order.
        var trigrams = body.Length - 2 <= 512 ? stackalloc long[body.Length - 2] : new long[body.Length - 2];
        Trigrams(body, trigrams);
        Span<long> dots = index.Messages.Length <= 256 ? stackalloc long[index.Messages.Length] : new long[index.Messages.Length];
        dots.Clear();
        var squares = 0.0;
        for (var i = 0; i < trigrams.Length;)
        {
            var start = i;
            while (i < trigrams.Length && trigrams[i] == trigrams[start])
            {
                i++;
            }

            var count = i - start;
            squares += (double)count * count;
            if (index.Postings.TryGetValue(trigrams[start], out var postings))
            {
                foreach (var (message, inMessage) in postings)
                {
                    dots[message] += (long)count * inMessage;
                }
            }
        }

        var textNorm = Math.Sqrt(squares);
        ApprovedMessage? best = null;
        var score = 0.0;
        for (var m = 0; m < index.Messages.Length; m++)
        {
            var norm = index.Profiles[m].Norm;
            var s = textNorm == 0 || norm == 0 ? 0 : dots[m] / (textNorm * norm);
            if (s > score)
            {
                (best, score) = (index.Messages[m], s);
            }
        }

        return (best, score);
    }

    /// <summary>The text's character trigrams, each packed into a long, sorted.</summary>
    private static void Trigrams(ReadOnlySpan<char> text, Span<long> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = ((long)text[i] << 32) | ((long)text[i + 1] << 16) | text[i + 2];
        }

        into.Sort();
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
        var core = new char[key.Length];
        return new string(core, 0, CoreOfKey(key, core));
    }

    /// <summary>Writes the core of a comparison key into <paramref name="into"/> (at least as long as the key); returns its length.</summary>
    private static int CoreOfKey(string key, Span<char> into)
    {
        var length = 0;
        var space = false;
        for (var i = OpeningLength(key); i < key.Length; i++)
        {
            if (key.AsSpan(i).StartsWith("(cliente)", StringComparison.Ordinal))
            {
                i += "(cliente)".Length - 1;
                space = length > 0;
                continue;
            }

            var ch = key[i];
            if (char.IsLetterOrDigit(ch))
            {
                if (space)
                {
                    into[length++] = ' ';
                }

                into[length++] = ch;
                space = false;
            }
            else
            {
                space = length > 0;
            }
        }

        return length;
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
            ApprovedMessages.Trigrams(text, all);
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
