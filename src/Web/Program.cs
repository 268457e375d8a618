Console.WriteLine("web");
