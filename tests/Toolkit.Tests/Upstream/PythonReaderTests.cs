using SglangCi.Toolkit.Upstream.Coverage;
using SglangCi.Toolkit.Upstream.Coverage.Python;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class PythonReaderTests
{
    private readonly List<CoverageWarning> _warnings = [];

    private PythonValue ValueOf(string source) =>
        Assert.IsType<PythonAssignment>(Assert.Single(PythonModule.Read(source, "m.py", _warnings).Statements)).Value;

    [Fact]
    public void Strings_with_prefixes_quotes_and_escapes_decode_as_python_does()
    {
        var list = Assert.IsType<PythonSequence>(ValueOf("""
            x = [r'a\n', b"b", U'c\td', Rb'e\\', '''multi
            line''', "x" 'y', "it\"s", '\x41\u00e9', f"plain", fr"{no}"]
            """));
        var values = list.Items.Select(i => i is PythonString s ? s.Value : $"<{i.GetType().Name}>").ToList();
        Assert.Equal(["a\\n", "b", "c\td", "e\\\\", "multi\nline", "xy", "it\"s", "Aé", "plain", "<PythonUnknown>"], values);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Numbers_constants_dicts_tuples_and_calls_are_data()
    {
        var dict = Assert.IsType<PythonDict>(ValueOf("d = {'a': 1_000, 'b': -2.5e-1, 'c': 0x1F, 'd': (True, None), 'e': (False,), 'f': (7), 'g': T('x.py', estimated_time=3)}"));
        var values = dict.Entries.ToDictionary(e => ((PythonString)e.Key).Value, e => e.Value);
        Assert.Equal(1000, Assert.IsType<PythonNumber>(values["a"]).Value);
        Assert.Equal(-0.25, Assert.IsType<PythonNumber>(values["b"]).Value);
        Assert.Equal(31, Assert.IsType<PythonNumber>(values["c"]).Value);
        Assert.Equal(2, Assert.IsType<PythonSequence>(values["d"]).Items.Count);
        Assert.Single(Assert.IsType<PythonSequence>(values["e"]).Items);
        Assert.Equal(7, Assert.IsType<PythonNumber>(values["f"]).Value); // parentheses, not a tuple
        var call = Assert.IsType<PythonCall>(values["g"]);
        Assert.Equal(("T", "x.py", 3d), (call.Function, ((PythonString)call.Positional[0]).Value, ((PythonNumber)call.Keyword("estimated_time")!).Value));
    }

    [Fact]
    public void Expressions_that_are_not_literals_stay_unknown_without_swallowing_their_neighbours()
    {
        var list = Assert.IsType<PythonSequence>(ValueOf("""x = [1 + 2, a[0], [i for i in y], f"{v}" "w", CONST, 'ok']"""));
        Assert.IsType<PythonUnknown>(list.Items[0]);
        Assert.IsType<PythonUnknown>(list.Items[1]);
        Assert.IsType<PythonUnknown>(Assert.Single(Assert.IsType<PythonSequence>(list.Items[2]).Items)); // a comprehension's body
        Assert.IsType<PythonUnknown>(list.Items[3]);
        Assert.Equal("CONST", Assert.IsType<PythonName>(list.Items[^2]).Name);
        Assert.Equal("ok", Assert.IsType<PythonString>(list.Items[^1]).Value);
    }

    [Fact]
    public void Module_keeps_top_level_assignments_calls_and_decorators_only_with_their_lines()
    {
        var module = PythonModule.Read("""
            import os  # comment with "quotes" and (brackets
            a = 1
            b["k"] = [2,
                3]
            f(x=1)
            obj.method(\
            2)
            @deco(y=2)
            def g():
                c = 4
                f(5)
            if (n := 3) > 2:
                pass
            """, "m.py", _warnings);
        Assert.Collection(module.Statements,
            s => Assert.Equal(("a", 2), (((PythonAssignment)s).Target, s.Line)),
            s => Assert.Equal(("b", "k", 3), (((PythonAssignment)s).Target, ((PythonString)((PythonAssignment)s).Key!).Value, s.Line)),
            s => Assert.Equal(("f", 5), (((PythonCallStatement)s).Call.Function, s.Line)),
            s => Assert.Equal(("obj.method", 6), (((PythonCallStatement)s).Call.Function, s.Line)),
            s => Assert.Equal(("deco", 8), (((PythonCall)((PythonDecorator)s).Expression).Function, s.Line)));
        Assert.Empty(_warnings);
    }

    [Theory]
    [InlineData("x = 'never closed\ny = 2\n", 1, "not closed on its line")]
    [InlineData("x = 1\ny = \"\"\"runs to the end", 2, "triple-quoted string is never closed")]
    [InlineData("x = [1, 2\ny = 3\n", 1, "'[' is never closed")]
    [InlineData("x = 1)\n", 1, "')' closes nothing")]
    [InlineData("f(a=1 b=2)\n", 1, "unexpected 'b'")]
    public void Broken_syntax_gives_a_warning_with_the_line_and_no_exception(string source, int line, string message)
    {
        PythonModule.Read(source, "odd.py", _warnings);
        var warning = Assert.Single(_warnings, w => w.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(("odd.py", line), (warning.File, warning.Line));
    }

    [Fact]
    public void Crlf_tabs_bom_and_continuations_keep_line_numbers()
    {
        var module = PythonModule.Read("\uFEFFa = 1\r\n\r\nif x:\r\n\tb = 2\r\nc = (\r\n\t3)\r\nd = \\\r\n  4\r\n", "w.py", _warnings);
        Assert.Equal([("a", 1), ("c", 5), ("d", 7)], module.Statements.Cast<PythonAssignment>().Select(a => (a.Target, a.Line)));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Undecodable_bytes_are_replaced_and_reported_with_their_line()
    {
        var text = PythonSource.Decode([(byte)'a', (byte)'\n', (byte)'#', 0xE9, (byte)'\n', (byte)'b'], "l.py", _warnings);
        Assert.Equal("a\n#\uFFFD\nb", text);
        Assert.Equal(new CoverageWarning("l.py", 2, "not valid UTF-8; undecodable bytes were replaced and the rest read as usual"), Assert.Single(_warnings));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(7);
        const string alphabet = "()[]{}'\"\\#:=,.@*fr bx0_1\n\r\t\u00e9";
        for (var i = 0; i < 500; i++)
        {
            var source = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            PythonModule.Read(source, "fuzz.py", _warnings);
        }
    }
}
