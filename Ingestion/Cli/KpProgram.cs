namespace KnowledgePortal.Ingestion.Cli;

public static class KpProgram
{
    public static int Main(string[] args)
    {
        Console.WriteLine("kp");
        return 0;
    }
}
