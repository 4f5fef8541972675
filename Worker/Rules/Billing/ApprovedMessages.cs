using System.Buffers;
using System.Runtime.CompilerServices;
using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

/// <summary>
/// How close an agent's message is to the approved ones: cosine similarity of character-trigram counts of the texts
/// without their greeting, the "(cliente)" placeholder or the customer's name, and punctuation, so an adapted approved
/// message ("Bom dia, Carlos! Iniciamos a análise…") stays close to its model. The approved messages' trigram counts
/// are computed once per loaded list, with an index from each trigram to the messages holding it. (Trigrams are packed
/// into longs, a text's counted in a table on the stack and the index a flat open-addressing table: a string per
/// trigram and a dictionary per text made this the costliest rule of the engine, and later sorting each text's
/// trigrams and a dictionary look-up per trigram cost more than the rest of the comparison.)
/// </summary>
public static class ApprovedMessages
{
    private static readonly ConditionalWeakTable<IReadOnlyList<ApprovedMessage>, Index> Indexes = [];

    public static (ApprovedMessage? Message, double Similarity) Closest(string text, IReadOnlyList<ApprovedMessage> approved) =>
        ClosestToKey(TextKey.Of(text), approved);

    /// <summary><see cref="Closest"/> for a text already made a comparison key (<see cref="TextKey.Of"/>).</summary>
    public static (ApprovedMessage? Message, double Similarity) ClosestToKey(string key, IReadOnlyList<ApprovedMessage> approved)
    {
        // Scratch of this thread's own rather than the stack: a stack buffer is zeroed on every call, and every billing message
        // is scored (each buffer is written before it is read, or cleared).
        var scratch = _scratch ??= new Scratch();
        var body = key.Length <= scratch.Body.Length ? scratch.Body.AsSpan(0, key.Length) : new char[key.Length];
        body = body[..CoreOfKey(key, body)];
        if (body.Length < 3)
        {
            return (null, 0);
        }

        var index = Indexes.GetValue(approved, list => new Index(list));
        // The text's trigrams are counted in a small open-addressing table (no sort): each count goes into the text's
        // norm as it grows (c² - (c-1)² = 2c - 1), and each occurrence adds, for each message holding the trigram, the
        // trigram's count there to the dot product (the sum over distinct trigrams of count × count-in-message is the
        // sum over occurrences of count-in-message). The postings of a trigram are looked up once, on its first
        // occurrence. Counts are integers, so the sums are exact in any order.
        var n = body.Length - 2;
        var size = TableSize(n);
        long[]? rentedKeys = null;
        int[]? rentedSlots = null;
        var keys = size <= StackTable ? scratch.Keys.AsSpan(0, size) : (rentedKeys = ArrayPool<long>.Shared.Rent(size)).AsSpan(0, size);
        var slots = size <= StackTable ? scratch.Slots.AsSpan(0, size * 2) : (rentedSlots = ArrayPool<int>.Shared.Rent(size * 2)).AsSpan(0, size * 2);
        keys.Clear();
        var dots = index.Messages.Length <= scratch.Dots.Length ? scratch.Dots.AsSpan(0, index.Messages.Length) : new long[index.Messages.Length];
        dots.Clear();
        var squares = 0L;
        for (var i = 0; i < n; i++)
        {
            var trigram = Pack(body[i], body[i + 1], body[i + 2]);
            var at = Probe(keys, trigram);
            if (keys[at] == 0)
            {
                keys[at] = trigram;
                slots[2 * at] = 0; // the count so far
                slots[2 * at + 1] = index.Find(trigram); // where its postings start, or -1
            }

            var count = ++slots[2 * at];
            squares += 2L * count - 1;
            if (slots[2 * at + 1] is >= 0 and var p)
            {
                for (int k = index.PostingStarts[p], end = index.PostingStarts[p + 1]; k < end; k++)
                {
                    dots[index.PostingMessages[k]] += index.PostingCounts[k];
                }
            }
        }

        if (rentedKeys is not null)
        {
            ArrayPool<long>.Shared.Return(rentedKeys);
            ArrayPool<int>.Shared.Return(rentedSlots!);
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

    /// <summary>Trigram tables of this many slots or fewer use the thread's scratch (a text of up to 256 trigrams).</summary>
    private const int StackTable = 512;

    [ThreadStatic]
    private static Scratch? _scratch;

    /// <summary>The buffers one scoring uses, kept per thread.</summary>
    private sealed class Scratch
    {
        public char[] Body { get; } = new char[512];

        public long[] Keys { get; } = new long[StackTable];

        public int[] Slots { get; } = new int[StackTable * 2];

        public long[] Dots { get; } = new long[256];
    }

    private static readonly char[] Marks = ['!', '.', ','];
    private static readonly char[] Ends = ['!', '.'];
    private static readonly string[] Greetings = ["bom dia", "boa tarde", "boa noite"];

    /// <summary>A power of two at least twice <paramref name="trigrams"/>, so the table stays at most half full.</summary>
    private static int TableSize(int trigrams) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, trigrams * 2));

    /// <summary>Three characters packed into a long: never 0, since a core holds letters, digits and single spaces.</summary>
    private static long Pack(char a, char b, char c) => ((long)a << 32) | ((long)b << 16) | c;

    /// <summary>
    /// The slot of <paramref name="trigram"/> in an open-addressing table of keys (a power of two long, 0 for an empty slot):
    /// where it is, or the empty slot where it goes. The search starts at the high bits of a multiply (Fibonacci hashing).
    /// </summary>
    private static int Probe(ReadOnlySpan<long> keys, long trigram)
    {
        var mask = keys.Length - 1;
        var at = (int)(((ulong)trigram * 0x9E3779B97F4A7C15UL) >> 40) & mask;
        while (keys[at] != 0 && keys[at] != trigram)
        {
            at = (at + 1) & mask;
        }

        return at;
    }

    /// <summary>The text's character trigrams, each packed into a long, sorted.</summary>
    private static void Trigrams(ReadOnlySpan<char> text, Span<long> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = Pack(text[i], text[i + 1], text[i + 2]);
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

            // One flat open-addressing table of the trigrams, pointing into flat arrays of postings: a look-up is a
            // multiply and a probe or two, not a dictionary's hashing and buckets.
            var size = TableSize(postings.Count);
            _keys = new long[size];
            _entries = new int[size];
            PostingStarts = new int[postings.Count + 1];
            PostingMessages = new int[postings.Values.Sum(l => l.Count)];
            PostingCounts = new int[PostingMessages.Length];
            var entry = 0;
            var next = 0;
            foreach (var (trigram, list) in postings)
            {
                var at = Probe(_keys, trigram);
                (_keys[at], _entries[at]) = (trigram, entry);
                PostingStarts[entry++] = next;
                foreach (var (message, count) in list)
                {
                    (PostingMessages[next], PostingCounts[next]) = (message, count);
                    next++;
                }
            }

            PostingStarts[entry] = next;
        }

        private readonly long[] _keys;
        private readonly int[] _entries;

        /// <summary>Where the postings of <paramref name="trigram"/> are (an index into the posting arrays), or -1 when no message holds it.</summary>
        public int Find(long trigram)
        {
            var at = Probe(_keys, trigram);
            return _keys[at] == trigram ? _entries[at] : -1;
        }

        /// <summary>Trigram p's postings are at PostingStarts[p] up to PostingStarts[p + 1] in the two arrays below.</summary>
        public int[] PostingStarts { get; }

        public int[] PostingMessages { get; }

        public int[] PostingCounts { get; }

        public ApprovedMessage[] Messages { get; }

        public Profile[] Profiles { get; }

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
        foreach (var greeting in Greetings)
        {
            var at = key.IndexOf(greeting, StringComparison.Ordinal);
            if (at is >= 0 and <= 30)
            {
                var end = key.IndexOfAny(Marks, at + greeting.Length);
                if (end >= 0 && end - at <= 50)
                {
                    // "carlos, bom dia!" ends at the mark after the greeting; "bom dia, carlos!" at the mark after the name.
                    var bang = key.IndexOfAny(Ends, at + greeting.Length);
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
