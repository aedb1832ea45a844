System.Console.WriteLine("FourOImage benchmarks: not written yet");
