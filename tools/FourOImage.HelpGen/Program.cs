System.Console.WriteLine("FourOImage.HelpGen: not written yet");
