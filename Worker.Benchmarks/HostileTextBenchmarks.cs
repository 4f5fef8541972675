using BenchmarkDotNet.Attributes;
using SfBridge.Rules;
using SfBridge.Tests.Builders;

namespace SfBridge.Benchmarks;

/// <summary>
/// The comment readers against text written to make a backtracking pattern try every way of splitting it: a GSO, a billing
/// and a protocol case whose comments hold a long run of blanks after a label ("tel", "cep", "Cliente", "AR"), a name before
/// a greeting, or a dated line of separators ("01/01 / a ; a ; … | |", dates written with dashes over and over), judged by
/// every rule. Length is each text's length in characters
/// (Salesforce keeps a comment under 4,000; an e-mail or the resolution field can be far longer): the time per case should
/// grow with it about linearly, four times from 4,000 to 16,000, not sixteen times.
/// </summary>
[MemoryDiagnoser]
public class HostileTextBenchmarks
{
    private readonly DateTimeOffset _now = Cases.Opened.AddHours(3);
    private PolicyEngine _engine = null!;
    private OrgContext _org = null!;
    private CaseSnapshot _gso = null!;
    private CaseSnapshot _billing = null!;
    private CaseSnapshot _protocol = null!;

    [Params(4_000, 16_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new PolicyEngine(Scenario.Policy);
        _org = Scenario.Org();
        string Padded(string head, string filler, string tail) =>
            head + string.Concat(Enumerable.Repeat(filler, Math.Max(0, (Length - head.Length - tail.Length) / filler.Length))) + tail;
        CaseComment Comment(string text, int minutes, bool published = false) => new(text, published, Cases.Opened.AddMinutes(minutes), Scenario.User(3));

        var gso = Cases.Gso();
        _gso = (gso with
        {
            Comments =
            [
                ..gso.Comments, Comment(Padded("tel", " ", "x"), 3), Comment(Padded("cep", "\n", "x"), 4), Comment(Padded("Cliente", " ", "x"), 5),
                Comment(Padded("AR", "\t", "x"), 6),
            ],
        }).WithFields((LogicalField.CustomerPhone, null), (LogicalField.CustomerAddress, null));

        var billing = Cases.Billing();
        _billing = billing with { Comments = [Comment(Padded("Joao", " ", "x"), 3, published: true), Comment(Padded("Joao", "\n ", "x"), 4, published: true), ..billing.Comments] };

        var protocol = Cases.Protocol();
        _protocol = (protocol with
        {
            Status = "Aguardando N2",
            Comments =
            [
                ..protocol.Comments, Comment(Padded("01/01 / ", "a ; ", "| |"), 70), Comment(Padded("01/01 - ", "a - ", "/ /"), 71),
                Comment(Padded("", "01-02-2024 - a ", "/ /"), 72),
            ],
        }).WithFields((LogicalField.Resolution, Padded("02/03 / ", "a ; ", "| |")));
    }

    [Benchmark]
    public int Gso() => _engine.Evaluate(_gso, _org, _now).Count;

    [Benchmark]
    public int Billing() => _engine.Evaluate(_billing, _org, _now).Count;

    [Benchmark]
    public int Protocol() => _engine.Evaluate(_protocol, _org, _now).Count;
}
