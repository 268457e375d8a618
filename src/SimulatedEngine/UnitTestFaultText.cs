namespace SglangCi.SimulatedEngine;

/// <summary>
/// How a unit-test fault is written in a <c>SGLCI_SIM_UNITTEST*</c> setting: one word (<c>ok</c>, <c>fail</c>, <c>error</c>,
/// <c>crash</c>, <c>hang</c>), or per module <c>test_a=ok,test_b.py=hang</c>. Shared by the silo's launch overrides and the
/// simulator's own <c>unit-test</c> command (the Docker image's <c>python3 -m unittest</c>), so both read the same text.
/// </summary>
public static class UnitTestFaultText
{
    public const string OneExpected = "one of ok, fail, error, crash, hang";
    public const string ByModuleExpected = "a list like test_a=ok,test_b=fail,test_c=hang";

    /// <summary>The fault a word names; null for any other text.</summary>
    public static SimulatedUnitTestFault? ParseOne(string text) => text.Trim().ToLowerInvariant() switch
    {
        "ok" or "pass" or "none" => SimulatedUnitTestFault.None,
        "fail" => SimulatedUnitTestFault.Fail,
        "error" => SimulatedUnitTestFault.Error,
        "crash" => SimulatedUnitTestFault.Crash,
        "hang" => SimulatedUnitTestFault.Hang,
        _ => null,
    };

    /// <summary>Faults by module name (<c>.py</c> dropped); null when any pair does not read.</summary>
    public static IReadOnlyDictionary<string, SimulatedUnitTestFault>? ParseByModule(string text)
    {
        var faults = new Dictionary<string, SimulatedUnitTestFault>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || ParseOne(parts[1]) is not { } fault)
            {
                return null;
            }

            faults[Path.GetFileNameWithoutExtension(parts[0])] = fault;
        }

        return faults;
    }
}
