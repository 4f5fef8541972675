namespace SfBridge.Rules.Protocol;

/// <summary>One entry of a protocol's resolution log: its keyword (analise, teste, encaminhamento, solucao), whether it is dated and names who did it.</summary>
public sealed record ResolutionEntry(string Keyword, bool Dated, bool Named);
