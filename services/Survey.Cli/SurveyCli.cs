using System.Text;

namespace Survey.Cli;

// The entry point. A named class rather than top-level statements: the test project references this
// project beside the hosts, and every host already has a global Program.
public static class SurveyCli
{
    public static int Main(string[] args)
    {
        // Swedish letters in and out whatever the terminal's locale says; no byte order mark in a pipe.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.InputEncoding = utf8;
        Console.OutputEncoding = utf8;
        // Input that is not UTF-8 (a Latin-1 export, a UTF-16 file) is refused, not read as replacement characters that
        // would silently lose words ("Cykelst�ld"); a UTF-8 byte order mark is allowed and dropped.
        using var input = new StreamReader(Console.OpenStandardInput(),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        using var output = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false };
        var code = Commands.Run(args, input, output, Console.Error);
        output.Flush();
        return code;
    }
}
