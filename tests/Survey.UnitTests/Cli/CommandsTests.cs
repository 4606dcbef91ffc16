using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Survey.Cli;
using Xunit;

namespace Survey.UnitTests.Cli;

public sealed class CommandsTests
{
    private static (int Code, string Output, string Error) Run(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Commands.Run(args, new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Classify_writes_one_json_line_per_input_line_in_order()
    {
        var (code, output, _) = Run("Det langas knark vid skolan\n\nBilarna kör för fort och det är mörkt i tunneln\nBra kommun\n", "classify");

        code.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            """{"text":"Det langas knark vid skolan","concerns":["narkotika"]}""",
            """{"text":"","concerns":[]}""",
            """{"text":"Bilarna kör för fort och det är mörkt i tunneln","concerns":["trafik","otrygga-platser"]}""",
            """{"text":"Bra kommun","concerns":[]}""");
    }

    [Fact]
    public void Scrub_writes_the_text_without_personal_data()
    {
        var (code, output, _) = Run("Ring mig på 070-123 45 67, hälsningar från Töre\nInget här", "scrub");

        code.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        var first = JsonDocument.Parse(lines[0]).RootElement.GetProperty("text").GetString();
        first.Should().NotContain("123 45 67").And.Contain("hälsningar från Töre");
        lines[1].Should().Be("""{"text":"Inget här"}""");
    }

    [Fact]
    public void Text_that_json_must_escape_stays_valid_json()
    {
        var (_, output, _) = Run("\"citat\" och \\ och <b> och tab\there", "classify");

        JsonDocument.Parse(output).RootElement.GetProperty("text").GetString().Should().Be("\"citat\" och \\ och <b> och tab\there");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("frobnicate")]
    [InlineData("classify", "extra")]
    [InlineData]
    public void Help_or_an_unknown_command_prints_usage_on_stderr_and_exits_2(params string[] args)
    {
        var (code, output, error) = Run("knark\n", args);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("usage: survey").And.Contain("classify").And.Contain("scrub");
    }

    // The tool as a user runs it: the built survey.dll with standard input piped, UTF-8 both ways.
    [Fact]
    public void The_built_tool_classifies_standard_input()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "survey.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "classify"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write("Skoterstölder i byn\nInga problem med inbrott\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(0, error);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            """{"text":"Skoterstölder i byn","concerns":["stold"]}""",
            """{"text":"Inga problem med inbrott","concerns":[]}""");
    }

    // A file exported from an old system in Latin-1 is refused with a message, not classified as replacement characters.
    [Fact]
    public void The_built_tool_refuses_input_that_is_not_utf8_and_says_how_to_convert_it()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "survey.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "classify"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var bytes = Encoding.UTF8.GetBytes("Knark vid skolan\n").Concat(Encoding.Latin1.GetBytes("Cykelstöld vid stationen\n")).ToArray();
        process.StandardInput.BaseStream.Write(bytes);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(Commands.NotUtf8);
        output.Should().NotContain("Cykelst", "no line is classified from text read wrongly");
        error.Should().Contain("is not UTF-8 text").And.Contain("iconv");
    }
}
