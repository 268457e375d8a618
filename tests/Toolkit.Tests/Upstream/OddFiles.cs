using System.Text;

namespace SglangCi.Toolkit.Tests.Upstream;

/// <summary>Era B files with syntax the reader must survive, and the warnings each must leave.</summary>
internal static class OddFiles
{
    public static readonly string[] ExpectedWarnings =
    [
        "test/registered/odd/test_decorator.py:1: @register_cuda_ci(…) is the decorator-style prototype, not a module-level registration; not counted",
        "test/registered/odd/test_fstring.py:3: register_cuda_ci(…): est_time=SOME_CONST is not a literal; registration skipped",
        "test/registered/odd/test_fstring.py:4: register_amd_ci(…): suite=f\"stage-b-test-small-1-gpu-{NAME}\" is not a literal; registration skipped",
        "test/registered/odd/test_latin1.py:1: not valid UTF-8; undecodable bytes were replaced and the rest read as usual",
        "test/registered/odd/test_syntax_error.py:2: register_amd_ci(…): no suite (neither suite= nor stage= with runner_config=); registration skipped",
        "test/registered/odd/test_syntax_error.py:2: unexpected 'suite' where ',' or ')' belongs; skipped to the next item",
        "test/registered/odd/test_syntax_error.py:3: '(' is never closed; the rest of the file was read as part of its statement",
        "test/registered/odd/test_unterminated.py:2: triple-quoted string is never closed",
    ];

    public static void WriteTo(TempCheckout checkout)
    {
        checkout
            .Write("test/registered/odd/test_fstring.py", """
                NAME = "x"
                print(f"{NAME!r:>10} {{literal}}", f'{"nested"}')
                register_cuda_ci(est_time=SOME_CONST, suite="stage-b-test-small-1-gpu")
                register_amd_ci(est_time=30, suite=f"stage-b-test-small-1-gpu-{NAME}")
                register_cuda_ci(est_time=20, suite=f"stage-b-test-small-1-gpu")
                if (n := 10) > 5:
                    pass
                """)
            .Write("test/registered/odd/test_decorator.py", """
                @register_cuda_ci(esimation_time=100, ci_stage="stage-a")
                class TestPrototype:
                    pass
                """)
            .Write("test/registered/odd/test_unterminated.py", "register_cuda_ci(est_time=5, suite=\"stage-b-test-small-1-gpu\")\nDOC = \"\"\"never closed\n")
            .Write("test/registered/odd/test_syntax_error.py", """
                register_cuda_ci(est_time=7, suite="stage-b-test-small-1-gpu")
                register_amd_ci(est_time=7 suite="stage-b-test-small-1-gpu-amd")
                def broken(:
                    pass
                """)
            .WriteBytes("test/registered/odd/test_latin1.py",
                [.. Encoding.Latin1.GetBytes("# caf\u00e9\n"), .. Encoding.ASCII.GetBytes("register_amd_ci(est_time=9, suite=\"stage-b-test-small-1-gpu-amd\")\n")])
            .Write("test/registered/odd/test_crlf_tabs.py",
                "\uFEFFimport os\r\n\r\nregister_cuda_ci(\r\n\test_time=11,\r\n\tsuite=\"stage-b-test-large-2-gpu\",\r\n)\r\n"
                + "register_amd_ci(est_time=12, \\\r\n    suite='stage-b-test-large-2-gpu-amd')\r\nif True:\r\n\tregister_cuda_ci(est_time=1, suite=\"ignored\")\r\n");
    }
}
