namespace Survey.IntegrationTests;

// Figures the tests observe on the way (never asserted: the machine is shared and noisy), written
// to TestResults/measurements.txt so that ./test.sh can print them.
public static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Record(string line)
    {
        var file = Path.Combine(Repository.Root, "TestResults", "measurements.txt");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}  {line}{System.Environment.NewLine}");
        }
    }
}
